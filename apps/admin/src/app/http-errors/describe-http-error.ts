/**
 * Turns a failed HTTP call into text a person can act on. Pure: takes the status and body of an
 * `HttpErrorResponse` (or of anything shaped like one), no Angular needed.
 */
export interface HttpErrorLike {
  readonly status: number;
  readonly statusText?: string | null;
  /** Parsed body: JSON object, text, or null. */
  readonly error?: unknown;
}

export interface HttpErrorDescription {
  /** The server's own message when it sent one, else an explanation of the status. */
  readonly message: string;
  /** e.g. `HTTP 404 Not Found`; null when no answer arrived. */
  readonly status: string | null;
}

const MAX_TEXT_LENGTH = 300;

/** Explanations of statuses whose answer carries no readable message. */
const STATUS_EXPLANATIONS: Readonly<Record<number, string>> = {
  400: 'The server could not process the request.',
  401: 'You are not signed in, or your sign-in has expired.',
  403: 'You are not allowed to do this.',
  404: 'The server does not offer this yet.',
  408: 'The server took too long to answer. Try again.',
  429: 'Too many attempts. Wait a moment and try again.',
  500: 'The server ran into an error. Try again later.',
  502: 'The gateway is not reachable right now. Try again in a moment.',
  503: 'The service is temporarily unavailable. Try again in a moment.',
  504: 'The gateway did not answer in time. Try again in a moment.',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readableText(value: unknown): string | null {
  if (typeof value === 'string') {
    const text = value.trim();
    // HTML error pages and stack traces are not messages.
    if (!text || text.startsWith('<') || text.length > MAX_TEXT_LENGTH) return null;
    return text;
  }
  if (Array.isArray(value)) {
    const parts = value.map(readableText).filter((part): part is string => part !== null);
    return parts.length ? parts.map((part) => part.replace(/[.]$/, '')).join('. ') + '.' : null;
  }
  return null;
}

/** The message a server put in its error body: `{ message }` (Nest), `{ error: { message } }`, `{ error }`, or plain text. */
export function serverMessage(body: unknown): string | null {
  if (isRecord(body)) {
    const nested = body['error'];
    return (
      readableText(body['message']) ??
      (isRecord(nested) ? readableText(nested['message']) : null) ??
      readableText(body['detail']) ??
      readableText(nested)
    );
  }
  if (typeof body === 'string' && body.trim().startsWith('{')) {
    try {
      return serverMessage(JSON.parse(body));
    } catch {
      return null;
    }
  }
  return readableText(body);
}

/**
 * @param explanations overrides of the default explanations per status, for the context of
 * the call (a 401 from a login form means wrong credentials).
 */
export function describeHttpError(
  error: HttpErrorLike,
  explanations: Readonly<Record<number, string>> = {},
): HttpErrorDescription {
  if (error.status === 0) {
    return { message: 'The server could not be reached. Check your connection and try again.', status: null };
  }
  const statusText = error.statusText && error.statusText !== 'OK' ? ` ${error.statusText}` : '';
  const status = `HTTP ${error.status}${statusText}`;
  const message =
    serverMessage(error.error) ??
    explanations[error.status] ??
    STATUS_EXPLANATIONS[error.status] ??
    (error.status >= 500 ? 'The server ran into an error. Try again later.' : 'The request was not accepted.');
  return { message, status };
}
