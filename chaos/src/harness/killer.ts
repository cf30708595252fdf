import type { KillKind, KillRecord } from '../checker/evidence';
import type { ChaosTarget } from './chaos-cluster';
import type { Random } from './random';

export interface KillerOptions {
  /** Time between two kills. */
  everyMs: number;
  /** How long a killed process stays down before its restart begins. */
  downMs: number;
  /**
   * At most this many killed processes down or restarting at once: a tick
   * that finds as many kills none (a service's start takes seconds of CPU,
   * and on a busy machine starts that pile up would starve the rest).
   */
  maxDown?: number;
  random: Random;
  log: (line: string) => void;
  now?: () => number;
}

/**
 * Every `everyMs`, SIGKILLs one process picked at random among those that
 * are up and restarts it `downMs` later. Never below quorum: at most one
 * NATS node down at a time, and at least one process of each service kind
 * up, so the system stays able to serve (what is measured is how it
 * recovers, not whether a system with nothing left answers).
 */
export class Killer {
  readonly kills: KillRecord[] = [];
  readonly restartFailures: string[] = [];
  private readonly restarting = new Map<ChaosTarget, Promise<void>>();
  /** Killed processes still in their down time: ending it starts their restart at once. */
  private readonly down = new Map<ChaosTarget, () => void>();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly targets: readonly ChaosTarget[],
    private readonly options: KillerOptions,
  ) {}

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      void this.killOne().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.options.everyMs);
      });
    };
    this.timer = setTimeout(tick, this.options.everyMs);
  }

  /** Stops killing and waits until every killed process is up again. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const endDownTime of this.down.values()) endDownTime();
    while (this.restarting.size > 0) await Promise.all(this.restarting.values());
    for (const t of this.targets) if (!t.alive()) await this.bringBack(t);
  }

  /** The processes that may be killed now. */
  candidates(): ChaosTarget[] {
    if (this.restarting.size >= (this.options.maxDown ?? 2)) return [];
    const up = (kind: KillKind) => this.targets.filter((t) => t.kind === kind && t.alive() && !this.restarting.has(t));
    return this.targets.filter((t) => {
      if (!t.alive() || this.restarting.has(t)) return false;
      if (t.kind === 'nats') return up('nats').length === this.targets.filter((x) => x.kind === 'nats').length;
      return up(t.kind).length >= 2;
    });
  }

  private async killOne(): Promise<void> {
    const candidates = this.candidates();
    if (candidates.length === 0) return;
    const target = this.options.random.pick(candidates);
    const at = (this.options.now ?? Date.now)();
    await target.kill();
    this.kills.push({ at, kind: target.kind, target: target.name, ...(target.url ? { url: target.url } : {}) });
    this.options.log(`killed ${target.kind} ${target.name} (kill ${this.kills.length})`);
    const back = new Promise<void>((done) => {
      const timer = setTimeout(done, this.options.downMs);
      this.down.set(target, () => {
        clearTimeout(timer);
        done();
      });
    })
      .then(() => this.down.delete(target))
      .then(() => this.bringBack(target));
    this.restarting.set(target, back);
    void back.finally(() => this.restarting.delete(target));
  }

  private async bringBack(target: ChaosTarget): Promise<void> {
    for (let attempt = 1; attempt <= 5; attempt++) {
      try {
        await target.restart();
        this.options.log(`${target.name} is back`);
        return;
      } catch (error) {
        this.restartFailures.push(`${target.name} attempt ${attempt}: ${String(error).split('\n')[0]}`);
        this.options.log(`restart of ${target.name} failed (attempt ${attempt}): ${String(error).split('\n')[0]}`);
      }
    }
  }
}
