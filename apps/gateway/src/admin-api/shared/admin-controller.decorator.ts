import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthGuard, Roles } from '../../identity';
import { errorResponseSchema } from './openapi';

/**
 * Everything an admin REST controller has in common: its path under
 * `/api/admin`, its OpenAPI tag and error answers, and the admin-only guard
 * (R19). Errors become `{code, message}` in the global AdminErrorsFilter.
 */
export function AdminController(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(`api/admin/${path}`),
    ApiTags(tag),
    UseGuards(AuthGuard),
    Roles('admin'),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or invalid token', schema: errorResponseSchema }),
    ApiForbiddenResponse({ description: 'Not an administrator', schema: errorResponseSchema }),
  );
}
