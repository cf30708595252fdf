import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { AdminApiError } from './admin-api.error';

/** `name: at most 64 characters; queue: is required` */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.join('.');
      const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}

/** Validates a body or query against a zod contract; refusals are `VALIDATION` with the fields named. */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const parsed = this.schema.safeParse(value ?? {});
    if (!parsed.success) {
      // A field the body does not have at all is "required" (a PUT names every field), whatever its type would be.
      const sent = typeof value === 'object' && value !== null ? value : {};
      const issues = parsed.error.issues.map((issue) =>
        issue.path.length === 1 && !(String(issue.path[0]) in sent) ? { ...issue, message: 'is required' } : issue,
      );
      throw AdminApiError.validation(
        describeIssues(issues),
        issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
      );
    }
    return parsed.data;
  }
}

export const zodPipe = <S extends z.ZodType>(schema: S) => new ZodValidationPipe(schema);
