import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { isRevisionConflict, JETSTREAM_STORAGE, NATS_CONNECTION, natsSafeKey, openKvBucket, SUBJECTS, type JetStreamStorage } from '@switchboard/service-kit';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { REALTIME_CONFIG, type RealtimeConfig } from '../realtime.config';
import { CONNECTION_POLICY, type ConnectionPolicy } from './connection-policy';
import { RateLimiter } from './rate-limiter';

/** A KV operation that takes longer than this fails, and the gateway counts on its own (ADR 10). */
const KV_TIMEOUT_MS = 1_000;
/** Compare-and-set rounds before giving up on one change (then counted locally). */
const MAX_CAS_ROUNDS = 8;
/** After a failed KV operation, commands are counted locally for this long before NATS is asked again. */
const DEGRADED_MS = 2_000;
/** Commands of one principal waiting for a slice of the shared budget; more are refused RATE_LIMITED. */
const MAX_WAITING = 100;

type Role = 'endUser' | 'agent' | 'admin';

const socketsEntrySchema = z.object({ g: z.record(z.string(), z.object({ n: z.number().int().min(0), exp: z.number() })) });
type SocketsEntry = z.infer<typeof socketsEntrySchema>;
const budgetEntrySchema = z.object({ t: z.number(), at: z.number() });

interface Waiter {
  go: () => void;
  refuse: () => void;
}

/** This gateway's view of one principal's command budget: a slice taken from the shared bucket, and commands waiting for one. */
interface LocalBudget {
  tokens: number;
  /** Unused tokens of a slice are dropped after this (so held tokens cannot pile up into a burst later). */
  expires: number;
  waiting: Waiter[];
  fetching: boolean;
  /** The shared bucket was found empty: until its next token is due, commands are refused without asking NATS. */
  emptyUntil: number;
  /** The per-gateway fallback while NATS does not answer. */
  local: RateLimiter;
}

/**
 * The per-principal limits held across every gateway that shares a NATS (issue 13, ADR 10):
 *
 * - **Sockets**: one KV entry per principal holding, per gateway, how many
 *   sockets it has and until when that count is valid (`exp`, renewed every
 *   third of `WS_PRINCIPAL_LEASE_MS`). A socket is admitted by compare-and-set
 *   only if the live counts stay within the limit, so two gateways cannot both
 *   admit the last place. A gateway that stops removes its counts; one that
 *   dies stops counting when its lease runs out.
 * - **Commands**: a token bucket per principal in the same KV bucket. A gateway
 *   takes tokens in small slices (a tenth of the rate) and spends them locally,
 *   so a NATS round trip is paid once per slice, not per command; commands that
 *   arrive while a slice is being fetched wait for it, in order.
 *
 * While NATS does not answer, each gateway falls back to its own per-gateway
 * limits (never refusing everyone because NATS is slow).
 */
@Injectable()
export class PrincipalLimits implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PrincipalLimits.name);
  /** This gateway's id in the shared entries: one per start, so a restarted gateway does not inherit a dead one's counts. */
  readonly gatewayId = `g-${randomUUID()}`;
  /** Commands per second of one principal: the configured figure, never below one socket's. */
  readonly ratePerSecond: number;
  readonly burst: number;
  private readonly slice: number;
  private kv?: KV;
  /** Sockets of each principal admitted here (admitted, not yet released). */
  private readonly sockets = new Map<string, number>();
  /** One change at a time per principal on this gateway, so its own count is never raced. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly budgets = new Map<string, LocalBudget>();
  private degradedUntil = 0;
  private stopping = false;
  private renewing = false;
  private renewTimer?: ReturnType<typeof setInterval>;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(JETSTREAM_STORAGE) private readonly storage: JetStreamStorage,
    @Inject(CONNECTION_POLICY) private readonly policy: ConnectionPolicy,
    @Inject(REALTIME_CONFIG) realtime: RealtimeConfig,
  ) {
    this.ratePerSecond = Math.max(policy.WS_PRINCIPAL_RATE_PER_SECOND, realtime.WS_RATE_PER_SECOND);
    this.burst = 2 * this.ratePerSecond;
    this.slice = Math.max(1, Math.ceil(this.ratePerSecond / 10));
  }

  get bucket(): string {
    return `${this.subjects.bucketPrefix}_principal_limits`;
  }

  async onModuleInit(): Promise<void> {
    // Entries nobody writes any more (every gateway of a principal gone) leave the bucket after twice the lease.
    this.kv = await openKvBucket(this.nc, this.bucket, { history: 1, ttl: 2 * this.policy.WS_PRINCIPAL_LEASE_MS, timeout: KV_TIMEOUT_MS }, this.storage, { timeout: KV_TIMEOUT_MS });
  }

  onApplicationBootstrap(): void {
    this.renewTimer = setInterval(() => void this.renewAll(), Math.floor(this.policy.WS_PRINCIPAL_LEASE_MS / 3));
    this.renewTimer.unref();
  }

  /** A stopping gateway gives its places back at once (its sockets are being closed), before NATS is drained. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.renewTimer);
    this.stopping = true;
    const keys = [...this.sockets.keys()];
    this.sockets.clear();
    await Promise.all(keys.map((key) => this.serial(key, () => this.writeOwnCount(key, () => 0)).catch(() => undefined)));
  }

  /**
   * Takes one socket place for the principal if all gateways together leave room for it.
   * The caller must `releaseSocket` once for every `true`.
   */
  admitSocket(role: Role, id: string): Promise<boolean> {
    const key = keyOf(role, id);
    return this.serial(key, async () => {
      const here = this.sockets.get(key) ?? 0;
      if (here >= this.policy.WS_MAX_SOCKETS_PER_PRINCIPAL) return false;
      let admitted: boolean;
      try {
        admitted = await this.writeOwnCount(key, (others) => (others + here + 1 <= this.policy.WS_MAX_SOCKETS_PER_PRINCIPAL ? here + 1 : undefined));
      } catch (error) {
        this.logger.warn({ err: error }, 'shared socket count not available; admitting within this gateway’s limit');
        admitted = true;
      }
      if (admitted) this.sockets.set(key, here + 1);
      return admitted;
    });
  }

  releaseSocket(role: Role, id: string): void {
    // A stopping gateway has given back all its places already.
    if (this.stopping) return;
    const key = keyOf(role, id);
    void this.serial(key, async () => {
      const left = Math.max(0, (this.sockets.get(key) ?? 1) - 1);
      if (left === 0) {
        this.sockets.delete(key);
        this.budgets.delete(key);
      } else this.sockets.set(key, left);
      await this.writeOwnCount(key, () => this.sockets.get(key) ?? 0);
    }).catch((error: unknown) => this.logger.warn({ err: error }, 'shared socket count not lowered; it lapses with the lease'));
  }

  /**
   * One command of the principal: `go` runs when the shared budget has a token for it (at once while this gateway
   * holds a slice), `refuse` when the principal spent its budget over all gateways. Exactly one of them is called.
   */
  admitCommand(role: Role, id: string, go: () => void, refuse: () => void): void {
    const key = keyOf(role, id);
    let budget = this.budgets.get(key);
    if (!budget) this.budgets.set(key, (budget = { tokens: 0, expires: 0, waiting: [], fetching: false, emptyUntil: 0, local: new RateLimiter(this.ratePerSecond, this.burst) }));
    if (Date.now() < this.degradedUntil) {
      if (budget.local.take()) go();
      else refuse();
      return;
    }
    if (budget.tokens > 0 && Date.now() > budget.expires) budget.tokens = 0;
    if (budget.waiting.length === 0 && budget.tokens > 0) {
      budget.tokens--;
      budget.local.take();
      go();
      // Fetch the next slice before this one runs out, so a steady stream of commands rarely waits.
      if (budget.tokens <= this.slice / 2) this.fetch(key, budget);
      return;
    }
    // Over the limit: refused at once until a token is due, so a client pressing on costs no NATS traffic.
    if (budget.waiting.length >= MAX_WAITING || (budget.waiting.length === 0 && budget.tokens === 0 && Date.now() < budget.emptyUntil)) {
      refuse();
      return;
    }
    budget.waiting.push({ go, refuse });
    this.fetch(key, budget);
  }

  private fetch(key: string, budget: LocalBudget): void {
    if (budget.fetching) return;
    budget.fetching = true;
    const want = this.slice + budget.waiting.length;
    this.takeSlice(key, want).then(
      (granted) => {
        budget.fetching = false;
        budget.tokens += granted;
        budget.expires = Date.now() + SLICE_VALID_MS;
        while (budget.waiting.length > 0 && budget.tokens > 0) {
          budget.tokens--;
          budget.local.take();
          budget.waiting.shift()!.go();
        }
        // A full grant means the shared bucket may hold more: ask again for those still waiting. Otherwise it is empty.
        if (granted < want) budget.emptyUntil = Date.now() + 1000 / this.ratePerSecond;
        if (budget.waiting.length > 0 && granted >= want) this.fetch(key, budget);
        else for (const waiter of budget.waiting.splice(0)) waiter.refuse();
      },
      (error: unknown) => {
        budget.fetching = false;
        this.degradedUntil = Date.now() + DEGRADED_MS;
        this.logger.warn({ err: error }, 'shared command budget not available; counting commands per gateway for a while');
        for (const waiter of budget.waiting.splice(0)) {
          if (budget.local.take()) waiter.go();
          else waiter.refuse();
        }
      },
    );
  }

  /** Takes up to `want` tokens from the principal's shared bucket; how many it got (0: the budget is spent). */
  private async takeSlice(key: string, want: number): Promise<number> {
    const kvKey = `r.${natsSafeKey(key)}`;
    for (let round = 0; round < MAX_CAS_ROUNDS; round++) {
      const entry = await this.kv!.get(kvKey);
      const parsed = entry?.operation === 'PUT' ? budgetEntrySchema.safeParse(entry.json()) : undefined;
      const now = Date.now();
      const tokens = parsed?.success ? Math.min(this.burst, parsed.data.t + (Math.max(0, now - parsed.data.at) / 1000) * this.ratePerSecond) : this.burst;
      const granted = Math.min(want, Math.floor(tokens));
      if (granted <= 0) return 0;
      const next = JSON.stringify({ t: tokens - granted, at: now });
      try {
        await (entry ? this.kv!.update(kvKey, next, entry.revision) : this.kv!.create(kvKey, next));
        return granted;
      } catch (error) {
        if (!isRevisionConflict(error)) throw error;
      }
    }
    throw new Error('shared command budget: too many concurrent changes');
  }

  /**
   * Sets this gateway's count in the principal's entry to `count(others)`, where `others` is the live sum of the
   * other gateways'; `undefined` leaves it unchanged and answers false.
   */
  private async writeOwnCount(key: string, count: (others: number) => number | undefined): Promise<boolean> {
    const kvKey = `s.${natsSafeKey(key)}`;
    for (let round = 0; round < MAX_CAS_ROUNDS; round++) {
      const entry = await this.kv!.get(kvKey);
      const parsed = entry?.operation === 'PUT' ? socketsEntrySchema.safeParse(entry.json()) : undefined;
      const now = Date.now();
      const live: SocketsEntry['g'] = {};
      let others = 0;
      for (const [gateway, held] of Object.entries(parsed?.success ? parsed.data.g : {})) {
        if (gateway === this.gatewayId || held.exp <= now) continue;
        live[gateway] = held;
        others += held.n;
      }
      const n = count(others);
      if (n === undefined) return false;
      if (n > 0) live[this.gatewayId] = { n, exp: now + this.policy.WS_PRINCIPAL_LEASE_MS };
      const next = JSON.stringify({ g: live });
      try {
        await (entry ? this.kv!.update(kvKey, next, entry.revision) : this.kv!.create(kvKey, next));
        return true;
      } catch (error) {
        if (!isRevisionConflict(error)) throw error;
      }
    }
    throw new Error('shared socket count: too many concurrent changes');
  }

  /** Renews this gateway's counts, one principal after the other (cost: two KV requests per principal with sockets here). */
  private async renewAll(): Promise<void> {
    // A pass still running (many principals, slow NATS) is not started again on top of itself.
    if (this.renewing) return;
    this.renewing = true;
    try {
      for (const key of [...this.sockets.keys()]) {
        if (this.stopping) return;
        await this.serial(key, () => this.writeOwnCount(key, () => this.sockets.get(key) ?? 0)).catch((error: unknown) =>
          this.logger.warn({ err: error }, 'shared socket count not renewed'),
        );
      }
    } finally {
      this.renewing = false;
    }
  }

  private serial<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }
}

/** A slice's unused tokens are dropped after this: held tokens are at most one slice per gateway beyond the bucket. */
const SLICE_VALID_MS = 1_000;
const keyOf = (role: string, id: string) => `${role}:${id}`;
