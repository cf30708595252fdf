import { HttpErrorResponse } from '@angular/common/http';
import { describeHttpError } from '../http-errors/describe-http-error';

/** The message of a failed call, for a snack bar or a banner. */
export function describeFailure(error: unknown): string {
  return error instanceof HttpErrorResponse ? describeHttpError(error).message : 'Something went wrong. Try again.';
}
