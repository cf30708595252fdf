import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { PRIORITY_NAMES, type BoardAgent, type BoardChat } from '@switchboard/contracts';
import { AgentAlerts } from '../alerts/agent-alerts';
import { describeFailure } from '@switchboard/client';
import { elapsed } from './elapsed';
import { SupervisionStore } from './supervision-store';

const PRESENCE_LABEL: Record<BoardAgent['presence'], string> = {
  online: 'Online',
  away: 'Away',
  notResponding: 'Not responding',
  wrapUp: 'Wrap-up',
  offline: 'Offline',
};

/**
 * Issue 16, the supervisor's monitoring board (ADR 25): the help alerts
 * first, then per supervised queue the waiting chats (wait, priority, a
 * pending offer), the chats in progress (agent, help flag, how long since
 * each side wrote) and the agents (presence, load). A chat opens read-only
 * and live in the centre (silent monitor).
 */
@Component({
  selector: 'sb-board',
  imports: [MatIconModule, MatTooltipModule],
  template: `
    @if (store.board(); as board) {
      <section class="sb-board" aria-label="Monitoring board" data-testid="board">
        @if (store.helpAlerts().length > 0) {
          <div class="sb-board-help" role="alert" data-testid="help-alerts">
            <h3><mat-icon>pan_tool</mat-icon> Help requested</h3>
            <ul class="sb-list">
              @for (alert of store.helpAlerts(); track alert.sessionId) {
                <li class="sb-list-item sb-board-row" tabindex="0" [attr.data-session]="alert.sessionId" data-testid="help-alert"
                  (click)="open(alert.sessionId)" (keydown.enter)="open(alert.sessionId)">
                  <div class="sb-item-body">
                    <div class="sb-item-top"><span class="sb-item-name">{{ alert.agentName }}</span><span class="sb-item-time">{{ since(alert.raisedAt) }}</span></div>
                    <div class="sb-item-desc">with {{ alert.endUserName ?? 'an end user' }} · {{ alert.queue }}</div>
                  </div>
                </li>
              }
            </ul>
          </div>
        }
        @for (queue of board.queues; track queue.queue) {
          <div class="sb-board-queue" [attr.data-queue]="queue.queue" data-testid="board-queue">
            <h3 class="sb-board-queue-head">
              <mat-icon>groups</mat-icon>{{ queue.queue }}
              <span class="sb-spacer"></span>
              <span class="sb-tag sb-tag-quiet" matTooltip="Waiting">{{ queue.totals.waiting }} waiting</span>
              <span class="sb-tag sb-tag-quiet" matTooltip="Chats in progress">{{ queue.totals.chats }} chats</span>
              @if (queue.totals.helpFlags > 0) {
                <span class="sb-tag sb-tag-alarm">{{ queue.totals.helpFlags }} help</span>
              }
            </h3>
            <h4>Waiting</h4>
            @if (queue.waiting.length === 0) {
              <p class="sb-board-none">No chat waiting.</p>
            }
            <ul class="sb-list" aria-label="Waiting chats">
              @for (chat of queue.waiting; track chat.sessionId) {
                <li class="sb-list-item sb-board-row" [attr.data-session]="chat.sessionId" data-testid="board-waiting">
                  <div class="sb-item-body">
                    <div class="sb-item-top">
                      <span class="sb-item-name">{{ chat.endUserName ?? 'End user' }}</span>
                      <span class="sb-item-time" data-testid="board-wait">waits {{ since(chat.queuedAt ?? chat.createdAt) }}</span>
                    </div>
                    <div class="sb-item-meta">
                      @if (chat.priority) {
                        <span class="sb-tag sb-tag-priority"><mat-icon>priority_high</mat-icon>{{ priorityNames[chat.priority] }}</span>
                      }
                      @if (chat.offer; as offer) {
                        <span class="sb-tag" data-testid="board-offer"><mat-icon>call_received</mat-icon>Offered to {{ store.agentName(offer.agentId) }}</span>
                      }
                    </div>
                  </div>
                </li>
              }
            </ul>
            @if (queue.totals.waiting > queue.waiting.length) {
              <p class="sb-list-more">{{ queue.totals.waiting - queue.waiting.length }} more waiting</p>
            }
            <h4>Chats</h4>
            @if (queue.chats.length === 0) {
              <p class="sb-board-none">No chat in progress.</p>
            }
            <ul class="sb-list" aria-label="Chats in progress">
              @for (chat of queue.chats; track chat.sessionId) {
                <li class="sb-list-item sb-board-row" tabindex="0" role="button" [class.sb-selected]="store.monitored()?.sessionId === chat.sessionId"
                  [attr.data-session]="chat.sessionId" data-testid="board-chat" (click)="open(chat.sessionId)" (keydown.enter)="open(chat.sessionId)">
                  <div class="sb-item-body">
                    <div class="sb-item-top">
                      <span class="sb-item-name">{{ chat.endUserName ?? 'End user' }}</span>
                      @if (chat.helpFlag) {
                        <span class="sb-tag sb-tag-alarm" data-testid="board-help-flag"><mat-icon>pan_tool</mat-icon>Help</span>
                      }
                    </div>
                    <div class="sb-item-desc">{{ ownerOf(chat) }}</div>
                    <div class="sb-item-meta" data-testid="board-times">
                      <span class="sb-tag sb-tag-quiet" matTooltip="Since the end user last wrote"><mat-icon>person</mat-icon>{{ since(chat.lastEndUserMessageAt) }}</span>
                      <span class="sb-tag sb-tag-quiet" matTooltip="Since the agent last wrote"><mat-icon>support_agent</mat-icon>{{ since(chat.lastAgentMessageAt) }}</span>
                    </div>
                  </div>
                </li>
              }
            </ul>
            @if (queue.totals.chats > queue.chats.length) {
              <p class="sb-list-more">{{ queue.totals.chats - queue.chats.length }} more chats</p>
            }
            <h4>Agents</h4>
            <ul class="sb-board-agents" aria-label="Agents">
              @for (agent of queue.agents; track agent.agentId) {
                <li [attr.data-agent]="agent.agentId" [attr.data-presence]="agent.presence" data-testid="board-agent">
                  <span class="sb-dot" [class]="'sb-dot sb-dot-' + dotOf(agent)"></span>{{ agent.name }}
                  <span class="sb-muted">· {{ presenceLabel[agent.presence] }} · {{ agent.load }} {{ agent.load === 1 ? 'chat' : 'chats' }}</span>
                </li>
              }
            </ul>
          </div>
        }
        @if (board.truncated) {
          <p class="sb-list-more">You supervise more queues than the board shows.</p>
        }
      </section>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BoardView {
  protected readonly store = inject(SupervisionStore);
  private readonly alerts = inject(AgentAlerts);
  protected readonly priorityNames = PRIORITY_NAMES;
  protected readonly presenceLabel = PRESENCE_LABEL;

  protected since(time: string | undefined): string {
    return elapsed(this.store.since(time));
  }

  protected ownerOf(chat: BoardChat): string {
    if (chat.status === 'PENDING_TRANSFER') return `Being transferred to ${this.store.agentName(chat.transferTargetAgentId) ?? 'an agent'}`;
    return `with ${this.store.agentName(chat.ownerAgentId) ?? 'no agent'}`;
  }

  protected dotOf(agent: BoardAgent): string {
    return agent.presence === 'notResponding' ? 'not-responding' : agent.presence === 'wrapUp' ? 'away' : agent.presence;
  }

  protected async open(sessionId: string): Promise<void> {
    try {
      await this.store.monitor(sessionId);
    } catch (error) {
      this.alerts.raise({ kind: 'error', text: describeFailure(error) });
    }
  }
}
