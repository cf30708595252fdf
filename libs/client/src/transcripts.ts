import { transcriptEmailPath, transcriptFileName, transcriptPath, type TranscriptEmailStatus, type TranscriptKind } from '@switchboard/contracts';
import { CommandError } from './command-error';

export interface TranscriptsApiOptions {
  /** The gateway's address ('' when the page is served by it). */
  baseUrl: string;
  /** The access token to send (ConsoleSession.token). */
  token: () => Promise<string>;
  fetchFn?: typeof fetch;
}

/**
 * A chat's transcripts over the gateway's HTTP calls (docs/protocol/websocket.md,
 * "Transcripts"): the PDF itself (the end user's, or the internal one with
 * side notes), and the end user's choice to have theirs e-mailed when the
 * chat ends. A refusal is a CommandError with the server's code
 * (`FORBIDDEN`, `SESSION_NOT_FOUND`, `TRANSCRIPT_EMAIL_UNAVAILABLE`, ...).
 */
export class TranscriptsApi {
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: TranscriptsApiOptions) {
    this.fetchFn = options.fetchFn ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** The transcript as a PDF, with the name to save it under. */
  async download(sessionId: string, kind: TranscriptKind = 'endUser'): Promise<{ blob: Blob; fileName: string }> {
    const response = await this.call(transcriptPath(sessionId, kind), { method: 'GET' });
    return { blob: await response.blob(), fileName: transcriptFileName(sessionId, kind) };
  }

  async emailStatus(sessionId: string): Promise<TranscriptEmailStatus> {
    return (await (await this.call(transcriptEmailPath(sessionId), { method: 'GET' })).json()) as TranscriptEmailStatus;
  }

  /** Asks for the e-mail when the chat ends (`send`: true; at once when it has ended), or no longer. */
  async requestEmail(sessionId: string, send: boolean): Promise<TranscriptEmailStatus> {
    const response = await this.call(transcriptEmailPath(sessionId), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ send }) });
    return (await response.json()) as TranscriptEmailStatus;
  }

  private async call(path: string, init: RequestInit): Promise<Response> {
    const token = await this.options.token();
    let response: Response;
    try {
      response = await this.fetchFn(`${this.options.baseUrl}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });
    } catch {
      throw new CommandError('UNAVAILABLE', 'The gateway could not be reached.');
    }
    if (response.ok) return response;
    const body = (await response.json().catch(() => ({}))) as { code?: unknown; message?: unknown; details?: unknown };
    const code = typeof body.code === 'string' ? body.code : response.status === 401 ? 'UNAUTHORIZED' : 'INTERNAL';
    throw new CommandError(code, typeof body.message === 'string' ? body.message : `HTTP ${response.status}`, body.details);
  }
}

/** The part of a browser's `document` that saveFile uses (this library builds without the DOM's types). */
interface DownloadDocument {
  createElement(tag: 'a'): { href: string; download: string; rel: string; click(): void; remove(): void };
  body: { appendChild(node: unknown): unknown };
}

/** Offers a downloaded file to the person (a link to its bytes, clicked, then let go). Browsers only. */
export function saveFile(blob: Blob, fileName: string, doc: DownloadDocument = Reflect.get(globalThis, 'document') as DownloadDocument): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  doc.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
