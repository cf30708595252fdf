import { z } from 'zod';

export const transcriptConfigFields = {
  /**
   * The mail server transcripts are sent through (`smtp://user:password@host:587`,
   * `smtps://...:465`); unset: no e-mail, whatever the setting says.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The sender of transcript e-mails. */
  MAIL_FROM: z.string().min(3).max(320).default('Switchboard <no-reply@localhost>'),
  /** Transcript downloads one gateway writes at once; one more is refused with TOO_MANY_TRANSCRIPTS (429). */
  TRANSCRIPT_MAX_CONCURRENT: z.coerce.number().int().min(1).max(1000).default(8),
  /** The time zone transcripts write times in (IANA name). */
  TRANSCRIPT_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'not a time zone'),
};

export interface TranscriptConfig {
  SMTP_URL?: string | undefined;
  MAIL_FROM: string;
  TRANSCRIPT_MAX_CONCURRENT: number;
  TRANSCRIPT_TIME_ZONE: string;
}

export const TRANSCRIPT_CONFIG = Symbol('TRANSCRIPT_CONFIG');
