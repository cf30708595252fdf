import { HttpException, HttpStatus } from '@nestjs/common';

/** Codes of the admin API beyond the transport ones (BAD_REQUEST, NOT_FOUND, ...). */
export type AdminErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'QUEUE_PROTECTED'
  | 'QUEUE_IN_USE'
  | 'UNKNOWN_QUEUE'
  | 'UNKNOWN_COMPANY'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'UNAVAILABLE'
  | 'INTERNAL'
  | (string & {});

/** The body of every admin API error: a stable code for programs, a message for people. */
export interface AdminErrorBody {
  code: AdminErrorCode;
  message: string;
  details?: unknown;
}

/** A refusal of the admin API; the filter writes its body as is. */
export class AdminApiError extends HttpException {
  constructor(status: HttpStatus, code: AdminErrorCode, message: string, details?: unknown) {
    super(details === undefined ? { code, message } : { code, message, details }, status);
  }

  static validation(message: string, details?: unknown): AdminApiError {
    return new AdminApiError(HttpStatus.BAD_REQUEST, 'VALIDATION', message, details);
  }

  static notFound(what: string, id: string): AdminApiError {
    return new AdminApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what} "${id}" does not exist.`);
  }

  static alreadyExists(what: string, id: string): AdminApiError {
    return new AdminApiError(HttpStatus.CONFLICT, 'ALREADY_EXISTS', `${what} "${id}" already exists.`);
  }
}
