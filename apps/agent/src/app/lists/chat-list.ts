import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { PRIORITY_NAMES, type ListItem } from '@switchboard/contracts';
import { ChatsStore } from '../chat/chats-store';
import { DraftsStore } from '../chat/drafts-store';
import { ListsStore } from './lists-store';
import { TimeAgoPipe } from '../shared/time-ago.pipe';

/** One of the Queue / Transferred / My Chats lists: a keyboard-navigable list of chats. */
@Component({
  selector: 'sb-chat-list',
  imports: [MatIconModule, TimeAgoPipe],
  template: `
    @if (items().length === 0 && more() === 0) {
      <div class="sb-empty"><mat-icon>{{ emptyIcon() }}</mat-icon><p>{{ emptyText() }}</p></div>
    } @else {
      <ul class="sb-list" role="listbox" [attr.aria-label]="label()">
        @for (item of items(); track item.sessionId) {
          <li role="option" tabindex="0" class="sb-list-item" [class.sb-selected]="chats.selectedId() === item.sessionId"
            [attr.aria-selected]="chats.selectedId() === item.sessionId" [attr.data-session]="item.sessionId"
            (click)="chats.select(item.sessionId)" (keydown.enter)="chats.select(item.sessionId)" (keydown.space)="$event.preventDefault(); chats.select(item.sessionId)">
            <span class="sb-initial" aria-hidden="true">{{ initial(item) }}</span>
            <div class="sb-item-body">
              <div class="sb-item-top">
                <span class="sb-item-name">{{ item.endUserName ?? item.endUserId }}</span>
                <span class="sb-item-time">{{ item.queuedAt ?? item.createdAt | timeAgo }}</span>
              </div>
              <div class="sb-item-desc">{{ item.description }}</div>
              <div class="sb-item-meta">
                @if (lists.topicName(item.topic); as topic) {
                  <span class="sb-tag">{{ topic }}</span>
                }
                <span class="sb-tag sb-tag-quiet">{{ item.queue }}</span>
                @if (item.priority) {
                  <span class="sb-tag sb-tag-priority" data-testid="priority" [attr.data-priority]="item.priority"><mat-icon>priority_high</mat-icon>{{ priorityName(item.priority) }}</span>
                }
                @if (item.cancelledByUser) {
                  <span class="sb-tag sb-tag-warn"><mat-icon>cancel</mat-icon>Cancelled</span>
                } @else if (item.userLeft) {
                  <span class="sb-tag sb-tag-warn"><mat-icon>logout</mat-icon>Left</span>
                }
                @if (drafts.draftOf(item.sessionId).trim()) {
                  <span class="sb-tag sb-tag-quiet"><mat-icon>edit</mat-icon>Draft</span>
                }
              </div>
            </div>
          </li>
        }
      </ul>
    }
    @if (more() > 0) {
      <p class="sb-list-more" data-testid="list-more" role="status">{{ more() }} more {{ moreText() }}</p>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatList {
  protected readonly chats = inject(ChatsStore);
  protected readonly lists = inject(ListsStore);
  protected readonly drafts = inject(DraftsStore);
  readonly items = input.required<ListItem[]>();
  readonly label = input('Chats');
  readonly emptyText = input('Nothing here.');
  readonly emptyIcon = input('inbox');
  /** Rows the gateway left out of the list (past its bound): shown as a count under the list. */
  readonly more = input(0);
  readonly moreText = input('waiting');

  /** Issue 15: the level's name (High, Urgent, Critical). */
  protected priorityName(priority: number): string {
    return PRIORITY_NAMES[priority] ?? `Priority ${priority}`;
  }

  protected initial(item: ListItem): string {
    return (item.endUserName ?? item.endUserId).charAt(0).toUpperCase();
  }
}
