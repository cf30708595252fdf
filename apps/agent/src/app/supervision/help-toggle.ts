import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { CommandAck } from '@switchboard/contracts';
import { ChatsStore } from '../chat/chats-store';
import { AgentSocket } from '../session/agent-socket';

/**
 * Issue 16, the owning agent: "Ask for help" raises the chat's help flag
 * (the supervisors of its queue are alerted); "Lower flag" takes it down.
 * The flag is the session summary's, so it follows every event of the chat.
 */
@Component({
  selector: 'sb-help-toggle',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule],
  template: `
    @if (raised()) {
      <button matButton="outlined" class="sb-help-raised" (click)="lower()" [disabled]="busy()" matTooltip="You asked the supervisors for help" data-testid="lower-help">
        <mat-icon>pan_tool</mat-icon> Lower flag
      </button>
    } @else {
      <button matButton="outlined" (click)="raise()" [disabled]="busy()" matTooltip="Alert the supervisors of this chat's queue" data-testid="ask-help">
        <mat-icon>pan_tool</mat-icon> Ask for help
      </button>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HelpToggle {
  readonly sessionId = input.required<string>();
  private readonly chats = inject(ChatsStore);
  private readonly socket = inject(AgentSocket);
  protected readonly busy = signal(false);
  protected readonly raised = computed(() => {
    const chat = this.chats.chats()[this.sessionId()];
    return chat?.summary?.helpFlag !== undefined || flagUpIn(chat?.events ?? []);
  });

  protected raise(): Promise<void> {
    return this.run((id) => this.socket.need().raiseHelp(id));
  }

  protected lower(): Promise<void> {
    return this.run((id) => this.socket.need().lowerHelp(id));
  }

  private async run(command: (sessionId: string) => Promise<CommandAck>): Promise<void> {
    const id = this.sessionId();
    this.chats.clearError(id);
    this.busy.set(true);
    try {
      const ack = await command(id);
      this.chats.merge(id, ack.events);
    } catch (error) {
      this.chats.refused(id, error);
    } finally {
      this.busy.set(false);
    }
  }
}

/** Events after which a chat's help flag is down (lowered, or the chat left its agent: ADR 22). */
const FLAG_DOWN = new Set(['HelpFlagLowered', 'SessionTakenOver', 'SessionReleased', 'TransferRequested', 'TransferredToQueue', 'SessionAssigned', 'SessionClosed', 'SessionAbandoned']);

/** Whether the held events leave the help flag up (a summary read back from a resume may not say it). */
export function flagUpIn(events: readonly { type: string }[]): boolean {
  for (let i = events.length - 1; i >= 0; i--) {
    const type = events[i]!.type;
    if (type === 'HelpFlagRaised') return true;
    if (FLAG_DOWN.has(type)) return false;
  }
  return false;
}
