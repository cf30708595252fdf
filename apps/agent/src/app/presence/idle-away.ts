import { DestroyRef, DOCUMENT, inject, Injectable } from '@angular/core';
import { CONSOLE_CLOCK } from '../shared/console-clock';
import { PresenceStore } from './presence-store';

/** What counts as the agent being at the console (while the page is shown). */
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focusin', 'visibilitychange'] as const;
/** After a refused Away (e.g. while reconnecting), the next try. */
export const IDLE_RETRY_MS = 30_000;
/** The last activity in any of this browser's consoles, so a hidden second tab does not send away an agent busy in the first. */
export const SHARED_ACTIVITY_KEY = 'sb-agent-last-activity';
/** Writes of the shared last activity are at most this often. */
const SHARED_WRITE_MS = 5_000;

/**
 * Idle agents (issue 14): an agent whose console has been hidden or without
 * input (pointer, keys, wheel, touch, focus) for the administrator's
 * `agentIdleMinutes` while Online is set Away through the presence command,
 * exactly as if they had picked it, and PresenceStore remembers why for the
 * notice. Away or Offline chosen otherwise is never touched, and the console
 * never goes back Online by itself. Events while the page is hidden do not
 * count; coming back to it does. 0 minutes: off.
 *
 * One timer, re-armed from the last activity when it fires (input only
 * records the time). Browsers run a hidden page's timers at most once a
 * minute, so Away may come up to a minute late there.
 */
@Injectable({ providedIn: 'root' })
export class IdleAway {
  private readonly clock = inject(CONSOLE_CLOCK);
  private readonly document = inject(DOCUMENT);
  private readonly presence = inject(PresenceStore);
  private minutes = 0;
  private started = false;
  private lastActivity: number;
  private lastShared = 0;
  private timer?: unknown;
  private setting = false;

  constructor() {
    this.lastActivity = this.clock.now();
    const onActivity = () => this.activity();
    const view = this.document.defaultView;
    for (const type of ACTIVITY_EVENTS) this.document.addEventListener(type, onActivity, { capture: true, passive: true });
    view?.addEventListener('focus', onActivity);
    inject(DestroyRef).onDestroy(() => {
      for (const type of ACTIVITY_EVENTS) this.document.removeEventListener(type, onActivity, { capture: true });
      view?.removeEventListener('focus', onActivity);
      this.stop();
    });
  }

  /** Signed in: watch with the setting from hello (0: off); the countdown starts now. */
  start(minutes: number): void {
    this.started = true;
    this.lastActivity = this.clock.now();
    this.configure(minutes);
  }

  /** The administrator changed the setting (agent.settings): the idle time so far counts against the new value. */
  configure(minutes: number): void {
    this.minutes = minutes;
    this.arm(0);
  }

  /** Signed out: nothing more to watch. */
  stop(): void {
    this.started = false;
    this.minutes = 0;
    this.disarm();
  }

  private activity(): void {
    if (this.document.hidden) return;
    const now = this.clock.now();
    this.lastActivity = now;
    if (now - this.lastShared >= SHARED_WRITE_MS) {
      this.lastShared = now;
      writeShared(now);
    }
  }

  /** Arms the one timer for when the agent will have been idle long enough (at least `minDelay` from now). */
  private arm(minDelay: number): void {
    this.disarm();
    if (!this.started || this.minutes <= 0) return;
    const due = this.idleSince() + this.minutes * 60_000;
    this.timer = this.clock.setTimeout(() => this.check(), Math.max(minDelay, due - this.clock.now()));
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private idleSince(): number {
    return Math.max(this.lastActivity, readShared());
  }

  private check(): void {
    this.timer = undefined;
    if (!this.started || this.minutes <= 0) return;
    const idleMs = this.clock.now() - this.idleSince();
    const limitMs = this.minutes * 60_000;
    if (idleMs < limitMs) return this.arm(0);
    // Only Online is ever changed: a chosen Away, Offline, or an Away already set here stays.
    if (this.presence.presence() !== 'online' || this.setting) return this.arm(limitMs);
    this.setting = true;
    const minutes = this.minutes;
    this.presence.setAwayAfterIdle(minutes).then(
      () => {
        this.setting = false;
        this.arm(limitMs);
      },
      () => {
        this.setting = false;
        this.arm(IDLE_RETRY_MS);
      },
    );
  }
}

function readShared(): number {
  try {
    return Number(globalThis.localStorage?.getItem(SHARED_ACTIVITY_KEY)) || 0;
  } catch {
    return 0;
  }
}

function writeShared(at: number): void {
  try {
    globalThis.localStorage?.setItem(SHARED_ACTIVITY_KEY, String(at));
  } catch {
    // storage refused (private mode): each tab counts on its own
  }
}
