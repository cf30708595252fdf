import { DEFAULT_CHAT_PARTITIONS } from '@switchboard/contracts';
import { baseConfigSchema } from '@switchboard/service-kit';
import { z } from 'zod';

export const chatActorConfigSchema = baseConfigSchema.extend({
  HTTP_PORT: baseConfigSchema.shape.HTTP_PORT.default(3101),
  /** Must be the same on every chat-actor and client of one cluster (checked at start-up). */
  CHAT_PARTITIONS: z.coerce.number().int().min(1).max(4096).default(DEFAULT_CHAT_PARTITIONS),
  /** A dead process's partitions are taken over after at most this long (A4). */
  CHAT_LEASE_TTL_MS: z.coerce.number().int().min(500).max(60000).default(2000),
  /** Commands applied at once by this process (each is a few database calls); the rest wait their turn. */
  CHAT_MAX_CONCURRENT_COMMANDS: z.coerce.number().int().min(1).max(1024).default(32),
  CHAT_LEASE_TICK_MS: z.coerce.number().int().min(50).max(10000).default(250),
  /**
   * Lease buckets' name prefix; defaults to the subject prefix. Only for
   * split-brain drills: giving two processes different buckets makes both
   * believe they own every partition, which fencing must survive.
   */
  CHAT_LEASE_BUCKET_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).optional(),
});
export type ChatActorConfig = z.infer<typeof chatActorConfigSchema>;
