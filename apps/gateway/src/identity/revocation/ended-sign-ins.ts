import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { followKv, natsSafeKey, openKvBucket, type JetStreamStorage } from '@switchboard/service-kit';

/** What tokens need: whether one sign-in (the `sid` its tokens carry) was signed out. No I/O: every request asks. */
export interface SignInEnds {
  isEnded(signInId: string): boolean;
}

/**
 * Single sign-out: the sign-ins (one per password or OpenID Connect sign-in,
 * kept across refreshes as the tokens' `sid`) that were signed out with
 * `POST /api/auth/sign-out`, in a JetStream KV bucket shared by every gateway
 * and watched by each, so within the time NATS takes to deliver the change
 * every gateway refuses that sign-in's access and refresh tokens. The other
 * sign-ins of the same person are untouched.
 *
 * Bound: an entry lives as long as a refresh token of that sign-in could
 * (AUTH_REFRESH_TTL_SECONDS): the bucket's max age removes it in NATS, and the
 * in-memory copy drops it at the same age (oldest first, on every addition and
 * look-up), so both hold at most the sign-outs of the last refresh lifetime.
 */
export class EndedSignIns implements SignInEnds, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EndedSignIns.name);
  /** Sign-in id → when it may be forgotten (ms), in insertion order, which is (nearly) expiry order. */
  private readonly ended = new Map<string, number>();
  private kv?: KV;
  private stopWatch?: () => void;

  constructor(
    private readonly nc: NatsConnection,
    private readonly subjects: Subjects,
    /** How long an ended sign-in is remembered: as long as any of its refresh tokens could still be presented. */
    private readonly ttlMs: number,
    private readonly storage: JetStreamStorage,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get bucket(): string {
    return `${this.subjects.bucketPrefix}_ended_sign_ins`;
  }

  /** How many ended sign-ins this gateway holds (the bound's test reads it). */
  get size(): number {
    this.prune();
    return this.ended.size;
  }

  async onModuleInit(): Promise<void> {
    this.kv = await openKvBucket(this.nc, this.bucket, { history: 1, ttl: this.ttlMs }, this.storage);
    const follower = await followKv(
      this.kv,
      (entry) => {
        if (entry.operation !== 'PUT') return;
        const signInId = entry.string();
        if (signInId) this.remember(signInId, entry.created.getTime() + this.ttlMs);
      },
      (error) => this.logger.error({ err: error }, 'ended sign-ins watch ended'),
    );
    this.stopWatch = follower.stop;
    // Accept nothing signed out before this gateway started: serve only once the bucket is read.
    await follower.initialized;
  }

  onModuleDestroy(): void {
    this.stopWatch?.();
  }

  isEnded(signInId: string): boolean {
    const until = this.ended.get(signInId);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.prune();
    return false;
  }

  /** Ends one sign-in on every gateway: its access and refresh tokens are refused from now on. */
  async end(signInId: string): Promise<void> {
    await this.kv!.put(natsSafeKey(signInId), signInId);
    // This gateway applies it at once; the others when the watch delivers it.
    this.remember(signInId, this.now() + this.ttlMs);
  }

  /** Used by `end` and the watch; public for the bound's unit test. */
  remember(signInId: string, untilMs: number): void {
    const known = this.ended.get(signInId);
    if (known !== undefined && known >= untilMs) return;
    this.ended.delete(signInId);
    this.ended.set(signInId, untilMs);
    this.prune();
  }

  private prune(): void {
    const now = this.now();
    for (const [signInId, until] of this.ended) {
      if (until > now) break;
      this.ended.delete(signInId);
    }
  }
}
