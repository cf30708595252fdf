import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { followKv, isRevisionConflict, JETSTREAM_STORAGE, NATS_CONNECTION, natsSafeKey, openKvBucket, SUBJECTS, type JetStreamStorage } from '@switchboard/service-kit';
import { z } from 'zod';

/** Compare-and-set rounds before a revocation gives up (another gateway kept winning). */
const MAX_CAS_ATTEMPTS = 10;

const entrySchema = z.object({ principalId: z.string(), generation: z.number().int().min(0) });

/** What tokens need: the generation a new token carries, and the lowest one still accepted. */
export interface TokenGenerations {
  /** The lowest generation accepted for this principal, as this gateway knows it (no I/O: every request checks it). */
  generationOf(principalId: string): number;
  /** The current generation, read from the shared bucket (a new token must not be born revoked). */
  currentGeneration(principalId: string): Promise<number>;
}

/**
 * Sessions that can be ended: each principal has a token generation in a
 * JetStream KV bucket shared by every gateway; tokens carry the generation
 * they were issued under, and a token of an older generation is refused.
 * Revoking (sign-out everywhere, an administrator deleting the user) raises
 * the generation; every gateway watches the bucket, so within the time NATS
 * takes to deliver the change its tokens fail and its listeners (the socket
 * closer) run. One small entry per principal ever revoked.
 */
@Injectable()
export class SessionRevocations implements TokenGenerations, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionRevocations.name);
  private readonly generations = new Map<string, number>();
  private readonly listeners = new Set<(principalId: string) => void>();
  private kv?: KV;
  private stopWatch?: () => void;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(JETSTREAM_STORAGE) private readonly storage: JetStreamStorage,
  ) {}

  get bucket(): string {
    return `${this.subjects.bucketPrefix}_token_generations`;
  }

  async onModuleInit(): Promise<void> {
    this.kv = await openKvBucket(this.nc, this.bucket, { history: 1 }, this.storage);
    const follower = await followKv(
      this.kv,
      (entry) => {
        if (entry.operation !== 'PUT') return;
        const parsed = entrySchema.safeParse(entry.json());
        if (parsed.success) this.apply(parsed.data.principalId, parsed.data.generation);
      },
      (error) => this.logger.error({ err: error }, 'token generation watch ended'),
    );
    this.stopWatch = follower.stop;
    // Refuse nothing revoked before this gateway started: serve only once the bucket is read.
    await follower.initialized;
  }

  onModuleDestroy(): void {
    this.stopWatch?.();
  }

  generationOf(principalId: string): number {
    return this.generations.get(principalId) ?? 0;
  }

  async currentGeneration(principalId: string): Promise<number> {
    const entry = await this.kv!.get(natsSafeKey(principalId));
    const parsed = entry?.operation === 'PUT' ? entrySchema.safeParse(entry.json()) : undefined;
    const generation = parsed?.success ? parsed.data.generation : 0;
    return Math.max(generation, this.generationOf(principalId));
  }

  /** Ends every session of the principal: its tokens fail and its sockets close on every gateway. */
  async revoke(principalId: string): Promise<number> {
    const key = natsSafeKey(principalId);
    for (let round = 0; round < MAX_CAS_ATTEMPTS; round++) {
      const entry = await this.kv!.get(key);
      const parsed = entry?.operation === 'PUT' ? entrySchema.safeParse(entry.json()) : undefined;
      const generation = (parsed?.success ? parsed.data.generation : 0) + 1;
      const value = JSON.stringify({ principalId, generation });
      try {
        await (entry ? this.kv!.update(key, value, entry.revision) : this.kv!.create(key, value));
        // This gateway applies it at once; the others when the watch delivers it.
        this.apply(principalId, generation);
        return generation;
      } catch (error) {
        if (!isRevisionConflict(error)) throw error;
      }
    }
    throw new Error(`revoking the sessions of ${principalId} lost ${MAX_CAS_ATTEMPTS} compare-and-set rounds`);
  }

  /** Called with the principal's id whenever its sessions are revoked (here or on another gateway). */
  onRevoked(listener: (principalId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private apply(principalId: string, generation: number): void {
    if (generation <= this.generationOf(principalId)) return;
    this.generations.set(principalId, generation);
    for (const listener of this.listeners) {
      try {
        listener(principalId);
      } catch (error) {
        this.logger.error({ err: error, principalId }, 'revocation listener failed');
      }
    }
  }
}
