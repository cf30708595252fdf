import { z } from 'zod';

export const attachmentsConfigFields = {
  /** How long a signed attachment link works (the consoles ask for a new one when it lapses). */
  ATTACHMENT_LINK_TTL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
  /** Uploads in progress at once on one gateway; more are refused with RATE_LIMITED (429) until one ends. */
  ATTACHMENT_MAX_CONCURRENT_UPLOADS: z.coerce.number().int().min(1).max(1000).default(16),
};

export interface AttachmentsConfig {
  ATTACHMENT_LINK_TTL_SECONDS: number;
  ATTACHMENT_MAX_CONCURRENT_UPLOADS: number;
}
