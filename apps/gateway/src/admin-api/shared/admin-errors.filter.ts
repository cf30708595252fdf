import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { AdminErrorBody } from './admin-api.error';

export const ADMIN_API_PREFIX = '/api/admin';

const CODE_OF_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  503: 'UNAVAILABLE',
};

/**
 * Every failure of the admin API leaves as `{code, message}` with its HTTP
 * status, whoever threw it (our services, a guard, Nest's body parser), so
 * clients branch on one shape. Unknown errors are logged and hidden. Global
 * (body-parser errors happen before any controller), but only for
 * `/api/admin`: other routes keep Nest's default answers.
 */
@Catch()
export class AdminErrorsFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('AdminApi');

  override catch(error: unknown, host: ArgumentsHost): void {
    // Only HTTP requests under /api/admin; anything else keeps Nest's default handling.
    const request = host.getType() === 'http' ? host.switchToHttp().getRequest<{ url?: string }>() : undefined;
    if (!request?.url?.startsWith(ADMIN_API_PREFIX)) {
      super.catch(error, host);
      return;
    }
    // Express's response; typed by hand, express's types are not a dependency.
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const { status, body } = this.describe(error);
    response.status(status).json(body);
  }

  private describe(error: unknown): { status: number; body: AdminErrorBody } {
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const raw = error.getResponse();
      if (typeof raw === 'object' && raw && typeof (raw as AdminErrorBody).code === 'string') {
        const { code, message, details } = raw as AdminErrorBody;
        return { status, body: details === undefined ? { code, message } : { code, message, details } };
      }
      const message = typeof raw === 'object' && raw && 'message' in raw ? String((raw as { message: unknown }).message) : error.message;
      return { status, body: { code: CODE_OF_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'), message } };
    }
    // A unique index refused a second record with the same id (a race between two creates).
    if (typeof error === 'object' && error && (error as { code?: unknown }).code === 11000) {
      return { status: HttpStatus.CONFLICT, body: { code: 'ALREADY_EXISTS', message: 'A record with this id already exists.' } };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { code: 'INTERNAL', message: 'The server failed to handle the request.' } };
  }
}
