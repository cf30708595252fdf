import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

/** Swagger's SchemaObject (its interfaces are not exported by the package). */
export type SchemaObject = Exclude<Extract<Parameters<typeof ApiBody>[0], { schema: unknown }>['schema'], { $ref: string }>;

/**
 * The zod contracts are the single source of truth: OpenAPI schemas are
 * generated from them (zod 4's JSON Schema output), not restated in DTO classes.
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): SchemaObject {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json['$schema'];
  return json as SchemaObject;
}

export const errorResponseSchema: SchemaObject = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', example: 'VALIDATION' },
    message: { type: 'string', example: 'name: at most 64 characters' },
    details: {},
  },
};

/** Request body from a zod schema, plus the 400 it may cause. */
export const ApiZodBody = (schema: z.ZodType) =>
  applyDecorators(
    ApiBody({ schema: openApiSchema(schema) }),
    ApiBadRequestResponse({ description: 'Invalid input (`VALIDATION`)', schema: errorResponseSchema }),
  );

/** `?q=&page=&pageSize=` of every list endpoint and its `{items,total,page,pageSize}` answer. */
export const ApiPagedList = (item: SchemaObject, more: Record<string, SchemaObject> = {}) =>
  applyDecorators(
    ApiQuery({ name: 'q', required: false, description: 'Search text (case-insensitive, any part of the searched fields)' }),
    ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } }),
    ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } }),
    ApiOkResponse({
      schema: {
        type: 'object',
        properties: {
          items: { type: 'array', items: item },
          total: { type: 'integer' },
          page: { type: 'integer' },
          pageSize: { type: 'integer' },
          ...more,
        },
      },
    }),
  );
