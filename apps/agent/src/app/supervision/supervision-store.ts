import { computed, inject, Injectable, signal } from '@angular/core';
import { describeFailure, errorCodeOf, mergeBySeq, transcriptOf, type SwitchboardClient } from '@switchboard/client';
import type { Board, BoardChat, SessionEventFrame, SessionEventView, SessionSummary } from '@switchboard/contracts';
import { AgentAlerts } from '../alerts/agent-alerts';
import { ChatsStore } from '../chat/chats-store';
import { AgentSocket } from '../session/agent-socket';
import { CONSOLE_CLOCK } from '../shared/console-clock';

/** The chat a supervisor watches from the board (issue 16's silent monitor): read-only and live. */
export interface MonitoredChat {
  sessionId: string;
  summary: SessionSummary;
  events: SessionEventView[];
  hasOlder: boolean;
  /** What the board said of it when opened (the end user's name, the owner). */
  row?: BoardChat;
  /** The last refusal on it, in words (a whisper or take-over refused). */
  error?: string;
}

/** A chat of the supervisor's queues whose agent asked for help. */
export interface HelpAlert {
  sessionId: string;
  queue: string;
  agentId: string;
  agentName: string;
  raisedAt: string;
  endUserName?: string;
}

/** What the console says when a take-over finds the chat moved (two supervisors at once, or the owner changed). */
export const ALREADY_TAKEN_TEXT = 'Someone else took this chat over first, or it moved to another agent. It was not taken over; see who has it now on the board.';

/**
 * Issue 16, the supervisor's side of the agent console (ADR 25): the board
 * (followed on each connect; an agent who supervises nothing is refused
 * NOT_SUPERVISOR and sees none of this), the help alerts it shows, the chat
 * being monitored from it with whisper and take-over; and, for every agent,
 * what a supervisor did to their chat (a whisper, a take-over) as an alert.
 */
@Injectable({ providedIn: 'root' })
export class SupervisionStore {
  private readonly socket = inject(AgentSocket);
  private readonly chats = inject(ChatsStore);
  private readonly alerts = inject(AgentAlerts);
  private readonly clock = inject(CONSOLE_CLOCK);

  /** The board as last received; undefined for an agent who supervises nothing. */
  readonly board = signal<Board | undefined>(undefined);
  /** The console clock when the board arrived: its `now`, counted on. */
  private readonly receivedAt = signal(0);
  readonly isSupervisor = computed(() => this.board() !== undefined);
  /** The console clock, read each second while there is a board (waits count on). */
  readonly now = signal(this.clock.now());
  private ticking?: unknown;
  readonly monitored = signal<MonitoredChat | undefined>(undefined);
  readonly monitoredTranscript = computed(() => transcriptOf(this.monitored()?.events ?? [], 'agent'));
  /** Every raised help flag on the board, the oldest first. */
  readonly helpAlerts = computed<HelpAlert[]>(() => {
    const board = this.board();
    if (!board) return [];
    const alerts: HelpAlert[] = [];
    for (const queue of board.queues) {
      for (const chat of queue.chats) {
        if (!chat.helpFlag) continue;
        const name = queue.agents.find((a) => a.agentId === chat.helpFlag!.agentId)?.name ?? chat.helpFlag.agentId;
        alerts.push({ sessionId: chat.sessionId, queue: queue.queue, agentId: chat.helpFlag.agentId, agentName: name, raisedAt: chat.helpFlag.raisedAt, ...(chat.endUserName ? { endUserName: chat.endUserName } : {}) });
      }
    }
    return alerts.sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  });

  follow(client: SwitchboardClient): void {
    client.on('board', (board) => this.setBoard(board));
    client.on('session.event', (frame) => this.onEvent(frame));
  }

  /** After each connect: the board, if this agent has one. */
  async load(client: SwitchboardClient): Promise<void> {
    try {
      this.setBoard(await client.followBoard());
    } catch {
      // NOT_SUPERVISOR (or no answer): no supervisor views.
      this.board.set(undefined);
    }
  }

  clear(): void {
    if (this.ticking !== undefined) this.clock.clearTimeout(this.ticking);
    this.ticking = undefined;
    this.board.set(undefined);
    this.monitored.set(undefined);
  }

  /** Milliseconds since `time` (an instant of the board's), by the gateway's clock counted on with the console's. */
  since(time: string | undefined): number | undefined {
    const board = this.board();
    if (!board || !time) return undefined;
    const now = Date.parse(board.now) + (this.now() - this.receivedAt());
    return Math.max(0, now - Date.parse(time));
  }

  /** The name of an agent the board shows. */
  agentName(agentId: string | undefined): string | undefined {
    if (!agentId) return undefined;
    for (const queue of this.board()?.queues ?? []) {
      const agent = queue.agents.find((a) => a.agentId === agentId);
      if (agent) return agent.name;
    }
    return agentId;
  }

  /** Opens a chat of the board read-only and live; the end user is not told. */
  async monitor(sessionId: string): Promise<void> {
    const client = this.socket.need();
    const before = this.monitored();
    if (before && before.sessionId !== sessionId) void client.unmonitor(before.sessionId).catch(() => undefined);
    const data = await client.monitor(sessionId);
    const row = this.rowOf(sessionId);
    this.monitored.set({ sessionId, summary: data.session, events: data.events, hasOlder: data.hasOlder, ...(row ? { row } : {}) });
  }

  /** Stops watching the monitored chat. */
  async stopMonitoring(): Promise<void> {
    const current = this.monitored();
    this.monitored.set(undefined);
    if (current) await this.socket.client?.unmonitor(current.sessionId).catch(() => undefined);
  }

  /** A note to the monitored chat's agent only. Rejects with the refusal (also shown on the chat). */
  async whisper(text: string): Promise<void> {
    const current = this.monitored();
    if (!current) return;
    this.patch({ error: undefined });
    try {
      const ack = await this.socket.need().whisper(current.sessionId, text);
      this.mergeEvents(current.sessionId, ack.events);
    } catch (error) {
      this.patch({ error: describeFailure(error) });
      throw error;
    }
  }

  /**
   * Issue 16 (ADR 24): joins the monitored chat visibly (barge-in): the end
   * user is told, a raised help flag goes down, and the chat opens as one
   * this supervisor is in (the agent stays its owner).
   */
  async join(): Promise<boolean> {
    const current = this.monitored();
    if (!current) return false;
    this.patch({ error: undefined });
    try {
      const data = await this.socket.need().bargeIn(current.sessionId);
      await this.socket.client?.unmonitor(current.sessionId).catch(() => undefined);
      this.monitored.set(undefined);
      this.chats.accepted(current.sessionId, data);
      return true;
    } catch (error) {
      this.patch({ error: describeFailure(error) });
      return false;
    }
  }

  /**
   * The monitored chat becomes this supervisor's: it opens in My Chats as an
   * accepted chat does. ALREADY_TAKEN (another supervisor was first, or the
   * owner changed) is said in plain words and the chat stays monitored.
   */
  async takeOver(): Promise<boolean> {
    const current = this.monitored();
    const owner = current?.summary.ownerAgentId;
    if (!current) return false;
    if (!owner) {
      this.patch({ error: 'No agent has this chat now: there is nothing to take over.' });
      return false;
    }
    this.patch({ error: undefined });
    try {
      const data = await this.socket.need().takeOver(current.sessionId, owner);
      await this.socket.client?.unmonitor(current.sessionId).catch(() => undefined);
      this.monitored.set(undefined);
      this.chats.accepted(current.sessionId, data);
      return true;
    } catch (error) {
      this.patch({ error: errorCodeOf(error) === 'ALREADY_TAKEN' ? ALREADY_TAKEN_TEXT : describeFailure(error) });
      return false;
    }
  }

  private setBoard(board: Board): void {
    this.board.set(board);
    const now = this.clock.now();
    this.receivedAt.set(now);
    this.now.set(now);
    if (this.ticking === undefined) this.tick();
    const current = this.monitored();
    const row = current && this.rowOf(current.sessionId);
    if (current && row) this.monitored.set({ ...current, row });
  }

  private tick(): void {
    this.ticking = this.clock.setTimeout(() => {
      this.ticking = undefined;
      if (!this.board()) return;
      this.now.set(this.clock.now());
      this.tick();
    }, 1000);
  }

  private rowOf(sessionId: string): BoardChat | undefined {
    for (const queue of this.board()?.queues ?? []) {
      const row = [...queue.chats, ...queue.waiting].find((c) => c.sessionId === sessionId);
      if (row) return row;
    }
    return undefined;
  }

  private onEvent(frame: SessionEventFrame): void {
    const current = this.monitored();
    if (current?.sessionId === frame.sessionId) {
      this.monitored.set({ ...current, summary: frame.session, events: mergeBySeq(current.events, [frame.event]) });
    }
    for (const notice of frame.notices) {
      // Issue 16: what a supervisor did to this agent's chat, and the help flags of the supervisor's queues.
      if (notice.code === 'TAKEN_OVER') this.alerts.raise({ kind: 'info', text: notice.text, sessionId: frame.sessionId });
      if (notice.code === 'WHISPER') {
        const from = typeof frame.event['authorName'] === 'string' ? frame.event['authorName'] : 'your supervisor';
        this.alerts.raise({ kind: 'info', text: `Whisper from ${from}: ${notice.text}`, sessionId: frame.sessionId });
      }
      if (notice.code === 'HELP_REQUESTED' || notice.code === 'HELP_LOWERED') this.alerts.raise({ kind: 'info', text: notice.text });
    }
  }

  private mergeEvents(sessionId: string, events: readonly SessionEventView[]): void {
    const current = this.monitored();
    if (current?.sessionId === sessionId) this.monitored.set({ ...current, events: mergeBySeq(current.events, events) });
  }

  private patch(fields: Partial<MonitoredChat>): void {
    const current = this.monitored();
    if (current) this.monitored.set({ ...current, ...fields });
  }
}
