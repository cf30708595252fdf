import { z } from 'zod';

export const attachmentsConfigFields = {
  /** How long a signed attachment link works (the consoles ask for a new one when it lapses). */
  ATTACHMENT_LINK_TTL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
};

export interface AttachmentsConfig {
  ATTACHMENT_LINK_TTL_SECONDS: number;
}
