import { HttpException } from '@nestjs/common';
import { ATTACHMENT_ERROR_STATUS, type AttachmentErrorCode } from '@switchboard/contracts';

/** A typed refusal of the attachment endpoints: `{code, message, details?}` with the code's HTTP status. */
export class AttachmentError extends HttpException {
  constructor(
    readonly code: AttachmentErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(details === undefined ? { code, message } : { code, message, details }, ATTACHMENT_ERROR_STATUS[code]);
  }
}

/** HTTP status of a chat session's refusal of an upload (the codes of the WebSocket protocol). */
export function statusOfRefusal(code: string): number {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'FORBIDDEN':
    case 'NOT_OWNER':
    case 'USER_CANCELLED':
      return 403;
    case 'SESSION_NOT_FOUND':
      return 404;
    case 'RATE_LIMITED':
      return 429;
    case 'UNAVAILABLE':
    case 'TIMEOUT':
      return 503;
    case 'INTERNAL':
      return 500;
    default:
      return 409;
  }
}
