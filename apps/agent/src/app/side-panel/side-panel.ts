import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTabsModule } from '@angular/material/tabs';
import type { KnowledgeArticle } from '@switchboard/contracts';
import { describeFailure } from '@switchboard/client';
import { ChatsStore } from '../chat/chats-store';
import { DraftsStore } from '../chat/drafts-store';
import { KnowledgeSearch } from './knowledge-search';
import { TicketIdPipe } from '../shared/ticket-id.pipe';

/** R15: Customer Information and Resources of the selected chat (its owner only). */
@Component({
  selector: 'sb-side-panel',
  imports: [DatePipe, TicketIdPipe, FormsModule, MatButtonModule, MatExpansionModule, MatFormFieldModule, MatIconModule, MatInputModule, MatTabsModule],
  template: `
    @if (chats.selectedList() === 'myChats' && chat(); as chat) {
      <mat-tab-group mat-stretch-tabs animationDuration="0ms" class="sb-fill-tabs">
        <mat-tab label="Customer Information">
          <div class="sb-side-body" data-testid="customer-info">
            @if (chat.customer; as c) {
              <section class="sb-section">
                <h3>Contact</h3>
                <dl class="sb-dl">
                  <dt>Name</dt><dd>{{ c.name ?? c.endUserId }}</dd>
                  <dt>Email</dt><dd>{{ c.email ?? '—' }}</dd>
                  <dt>Phone</dt><dd>{{ c.phone ?? '—' }}</dd>
                  <dt>Site</dt><dd>{{ c.site ?? '—' }}</dd>
                  <dt>Company</dt><dd>{{ c.company.name ?? c.company.id }}</dd>
                </dl>
              </section>
              <section class="sb-section">
                <h3>Open tickets</h3>
                @for (t of c.openTickets; track t.ticketId) {
                  <div class="sb-row"><mat-icon>confirmation_number</mat-icon><div><strong [title]="t.ticketId">{{ t.ticketId | ticketId }}</strong><div class="sb-hint">{{ t.summary }}</div></div></div>
                } @empty {
                  <p class="sb-hint">No open tickets.</p>
                }
              </section>
              <section class="sb-section">
                <h3>Assets</h3>
                @for (a of c.assets; track a.id) {
                  <div class="sb-row"><mat-icon>computer</mat-icon><div><strong>{{ a.name ?? a.id }}</strong><div class="sb-hint">{{ a.deviceId ?? 'no device id' }}</div></div></div>
                } @empty {
                  <p class="sb-hint">No registered assets.</p>
                }
              </section>
            } @else {
              <p class="sb-hint">Loading customer information…</p>
            }
          </div>
        </mat-tab>
        <mat-tab label="Resources">
          <div class="sb-side-body" data-testid="resources">
            @if (chat.resources; as r) {
              <section class="sb-section">
                <h3>Outages</h3>
                @for (o of r.outages; track o.id) {
                  <div class="sb-row sb-outage"><mat-icon>warning</mat-icon><div><strong>{{ o.title }}</strong><div class="sb-hint">{{ o.status }}@if (o.startedAt) { · since {{ o.startedAt | date: 'short' }} }</div></div></div>
                } @empty {
                  <p class="sb-hint">No current outages.</p>
                }
              </section>
              <section class="sb-section">
                <h3>Response templates</h3>
                @for (t of r.responseTemplates; track t.id) {
                  <div class="sb-template">
                    <div><strong>{{ t.title }}</strong><div class="sb-hint sb-clamp">{{ t.text }}</div></div>
                    <button matIconButton (click)="insert(t.text)" [attr.aria-label]="'Insert template ' + t.title" title="Insert into reply"><mat-icon>input</mat-icon></button>
                  </div>
                }
              </section>
              <section class="sb-section">
                <h3>Knowledge articles</h3>
                <form class="sb-search" (ngSubmit)="search()">
                  <mat-form-field subscriptSizing="dynamic" class="sb-full">
                    <mat-icon matPrefix>search</mat-icon>
                    <mat-label>Search articles</mat-label>
                    <input matInput name="q" [(ngModel)]="query" data-testid="kb-search" />
                  </mat-form-field>
                </form>
                @if (searchError()) {
                  <p class="sb-error-text">{{ searchError() }}</p>
                }
                @if (results() !== undefined && results()!.length === 0) {
                  <p class="sb-hint">No article matches “{{ searched() }}”.</p>
                }
                <mat-accordion displayMode="flat">
                  @for (a of articles(); track a.id) {
                    <mat-expansion-panel>
                      <mat-expansion-panel-header><mat-panel-title>{{ a.title }}</mat-panel-title></mat-expansion-panel-header>
                      <p class="sb-article">{{ a.body }}</p>
                      <button matButton (click)="insert(a.body)"><mat-icon>input</mat-icon> Insert into reply</button>
                    </mat-expansion-panel>
                  }
                </mat-accordion>
              </section>
            } @else {
              <p class="sb-hint">Loading resources…</p>
            }
          </div>
        </mat-tab>
      </mat-tab-group>
    } @else {
      <div class="sb-empty">
        <mat-icon>badge</mat-icon>
        <p>Customer information and resources appear here for the chats you have accepted.</p>
      </div>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SidePanel {
  protected readonly chats = inject(ChatsStore);
  private readonly drafts = inject(DraftsStore);
  private readonly knowledge = inject(KnowledgeSearch);
  protected readonly chat = this.chats.selected;
  protected query = '';
  protected readonly searched = signal('');
  protected readonly results = signal<KnowledgeArticle[] | undefined>(undefined);
  protected readonly searchError = signal<string | undefined>(undefined);
  protected readonly articles = computed(() => this.results() ?? this.chat()?.resources?.knowledgeArticles ?? []);

  protected insert(text: string): void {
    const id = this.chats.selectedId();
    if (id) this.drafts.insertIntoDraft(id, text);
  }

  protected async search(): Promise<void> {
    const q = this.query.trim();
    this.searchError.set(undefined);
    if (!q) {
      this.results.set(undefined);
      return;
    }
    try {
      this.results.set(await this.knowledge.search(q));
      this.searched.set(q);
    } catch (error) {
      this.searchError.set(describeFailure(error));
    }
  }
}
