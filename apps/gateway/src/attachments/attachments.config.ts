import { z } from 'zod';

export const attachmentsConfigFields = {
  /** How long a signed attachment link works (the consoles ask for a new one when it lapses). */
  ATTACHMENT_LINK_TTL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
  /** Uploads in progress at once on one gateway; more are refused with RATE_LIMITED (429) until one ends. */
  ATTACHMENT_MAX_CONCURRENT_UPLOADS: z.coerce.number().int().min(1).max(1000).default(16),
  /** Days a chat's files are kept after the chat ended; then the retention sweep deletes them. 0 (the default): kept for good. */
  ATTACHMENT_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
  /** How often a gateway sweeps for files past their retention. */
  ATTACHMENT_SWEEP_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
  /** Files one sweep looks at, at most (the next sweep goes on from there). */
  ATTACHMENT_SWEEP_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
};

export interface AttachmentsConfig {
  ATTACHMENT_LINK_TTL_SECONDS: number;
  ATTACHMENT_MAX_CONCURRENT_UPLOADS: number;
  ATTACHMENT_RETENTION_DAYS: number;
  ATTACHMENT_SWEEP_MS: number;
  ATTACHMENT_SWEEP_BATCH: number;
}
