import { inject, Injectable, signal } from '@angular/core';
import type { SwitchboardClient } from '@switchboard/client';
import type { SessionEventFrame, SessionEventView } from '@switchboard/contracts';
import { ListsStore } from '../lists/lists-store';
import { AgentSocket } from '../session/agent-socket';
import { Countdown } from '../shared/countdown';

/** The wrap-up after a chat this agent ended or abandoned (issue 14). */
export interface WrapUp {
  sessionId: string;
  /** The gateway's end of the wrap-up, as the end event said it. */
  wrapUpUntil: string;
  /**
   * The same moment on this browser's clock: when the end event arrived plus
   * the time the gateway gave (`wrapUpUntil` minus the event's `at`), so a
   * browser clock that is off does not shorten or lengthen the countdown.
   */
  dueAt: number;
  /** The queue wants a disposition code: no new chat until it is recorded, whatever the time. */
  required: boolean;
  /** Who the chat was with, when the agent's lists still held it. */
  endUserName?: string;
}

/**
 * Wrap-up (issue 14): after the agent ends (`session.end`) or abandons a
 * chat of a queue with a wrap-up, the end event carries `wrapUpUntil` (and
 * `dispositionRequired`); until then the gateway gives the agent no new
 * chat. This store holds that wrap-up from the command's answer (or the
 * event pushed to another tab of the same agent), counts down to it, and
 * records the disposition code. Like the gateway it holds one wrap-up, the
 * latest: ending another chat replaces it. It ends when its time is up
 * (unless a disposition is required) or when the disposition is recorded
 * (here, or `DispositionRecorded` from another tab). A console that
 * connects while the gateway still holds a wrap-up (a reload) shows it again
 * from `presence.get`.
 */
@Injectable({ providedIn: 'root' })
export class WrapUpStore {
  private readonly socket = inject(AgentSocket);
  private readonly lists = inject(ListsStore);
  private readonly countdown = new Countdown();
  private me?: string;

  readonly current = signal<WrapUp | undefined>(undefined);
  /** The clock as the countdown last read it. */
  readonly now = this.countdown.now;
  /** The administrator's disposition codes, read by the panel when a wrap-up starts. */
  readonly codes = signal<string[]>([]);

  /** Whole seconds of wrap-up left (0 once the time is up). */
  secondsLeft(wrapUp: WrapUp): number {
    return this.countdown.secondsLeft(wrapUp.dueAt);
  }

  follow(client: SwitchboardClient): void {
    client.on('hello', (hello) => (this.me = hello.principal.id));
    client.on('session.event', (frame) => this.onEvent(frame));
  }

  clear(): void {
    this.current.set(undefined);
    this.codes.set([]);
    this.me = undefined;
    this.countdown.stop();
  }

  /**
   * The wrap-up the gateway holds for this agent (presence.get after a
   * connect: the page was reloaded, or another tab ended the chat); the one
   * shown already keeps its countdown. Never ends one (a reply older than the
   * end just heard would).
   */
  restore(wrapUp: { sessionId: string; until: string; dispositionRequired: boolean; secondsLeft: number } | undefined): void {
    if (!wrapUp || this.current()?.sessionId === wrapUp.sessionId) return;
    if (!wrapUp.dispositionRequired && wrapUp.secondsLeft <= 0) return;
    const endUserName = this.lists.itemOf(wrapUp.sessionId)?.endUserName;
    const dueAt = this.countdown.read() + wrapUp.secondsLeft * 1000;
    this.current.set({ sessionId: wrapUp.sessionId, wrapUpUntil: wrapUp.until, dueAt, required: wrapUp.dispositionRequired, ...(endUserName ? { endUserName } : {}) });
    this.tick();
  }

  /** The answer of this agent's End Chat or Abandon: its end event starts a wrap-up when it carries one. */
  ended(sessionId: string, events: readonly SessionEventView[]): void {
    for (const event of events) this.start(sessionId, event);
  }

  /** Records the disposition code of the chat in wrap-up, which ends the wrap-up. Rejects with the client's refusal (the panel says it in words). */
  async record(code: string): Promise<void> {
    const wrapUp = this.current();
    if (!wrapUp) return;
    await this.socket.need().recordDisposition(wrapUp.sessionId, code);
    this.end(wrapUp.sessionId);
  }

  /** The codes again (the panel asks when it has none). */
  async loadCodes(): Promise<void> {
    this.codes.set(await this.socket.need().dispositionCodes());
  }

  private onEvent(frame: SessionEventFrame): void {
    const { event, sessionId } = frame;
    if (event['agentId'] !== this.me || this.me === undefined) return;
    if (event.type === 'DispositionRecorded') this.end(sessionId);
    else this.start(sessionId, event);
  }

  private start(sessionId: string, event: SessionEventView): void {
    const ends = (event.type === 'SessionClosed' && event['reason'] === 'agentEnded') || event.type === 'SessionAbandoned';
    const until = event['wrapUpUntil'];
    if (!ends || typeof until !== 'string') return;
    // The same end heard twice (the answer and the pushed event) starts nothing new.
    const held = this.current();
    if (held?.sessionId === sessionId && held.wrapUpUntil === until) return;
    const given = Date.parse(until) - Date.parse(event.at);
    const dueAt = this.countdown.read() + (Number.isFinite(given) ? Math.max(0, given) : 0);
    const endUserName = this.lists.itemOf(sessionId)?.endUserName;
    this.current.set({ sessionId, wrapUpUntil: until, dueAt, required: event['dispositionRequired'] === true, ...(endUserName ? { endUserName } : {}) });
    this.tick();
  }

  private end(sessionId: string): void {
    if (this.current()?.sessionId !== sessionId) return;
    this.current.set(undefined);
    this.countdown.stop();
  }

  /** Redraws the countdown each second; when the time is up a wrap-up without a required disposition ends. */
  private tick(): void {
    this.countdown.run((now) => {
      const wrapUp = this.current();
      if (!wrapUp) return undefined;
      if (wrapUp.dueAt > now) return wrapUp.dueAt;
      if (!wrapUp.required) this.current.set(undefined);
      return undefined;
    });
  }
}
