import { HttpException, HttpStatus } from '@nestjs/common';
import type { TranscriptErrorCode } from '@switchboard/contracts';

/** A refusal of the transcript API: `{code, message}` (and `details`) with its HTTP status. */
export class TranscriptError extends HttpException {
  constructor(status: HttpStatus, code: TranscriptErrorCode, message: string, details?: unknown) {
    super(details === undefined ? { code, message } : { code, message, details }, status);
  }

  get code(): TranscriptErrorCode {
    return (this.getResponse() as { code: TranscriptErrorCode }).code;
  }
}

export const transcriptErrors = {
  notFound: () => new TranscriptError(HttpStatus.NOT_FOUND, 'SESSION_NOT_FOUND', 'There is no such chat session.'),
  forbidden: (message: string) => new TranscriptError(HttpStatus.FORBIDDEN, 'FORBIDDEN', message),
  notAttached: (ticketId: string) => new TranscriptError(HttpStatus.NOT_FOUND, 'TRANSCRIPT_NOT_ATTACHED', `Ticket "${ticketId}" has no transcript attached (its chat has not ended, or there is no such ticket).`),
  busy: (max: number) =>
    new TranscriptError(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_TRANSCRIPTS', `This service desk is writing ${max} transcripts at the moment; try again in a few seconds.`, { max }),
  emailUnavailable: (reason: string, message: string) => new TranscriptError(HttpStatus.CONFLICT, 'TRANSCRIPT_EMAIL_UNAVAILABLE', message, { reason }),
};
