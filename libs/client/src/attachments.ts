import type { AttachmentLink, AttachmentUploadResult } from '@switchboard/contracts';
import { CommandError } from './command-error';

export interface AttachmentsApiOptions {
  /** The gateway's address ('' when the page is served by it). */
  baseUrl: string;
  /** The access token to send (ConsoleSession.token). */
  token: () => Promise<string>;
  fetchFn?: typeof fetch;
  /** Ask for a new link this long before the held one lapses. */
  renewBeforeMs?: number;
  now?: () => number;
}

/**
 * Files and screenshots over the gateway's HTTP calls (docs/protocol/websocket.md,
 * "Attachments"): send one into a chat, and get signed links to show or
 * download one (kept until shortly before they lapse). A refusal is a
 * CommandError with the server's code; its sentence (which names the limit)
 * is kept in `details.sentence`.
 */
export class AttachmentsApi {
  private readonly fetchFn: typeof fetch;
  private readonly links = new Map<string, { url: string; expires: number }>();

  constructor(private readonly options: AttachmentsApiOptions) {
    this.fetchFn = options.fetchFn ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Sends `file` into the chat (as its end user or owning agent); the answer carries the AttachmentPosted event. */
  async upload(sessionId: string, file: Blob, name: string, clientId?: string): Promise<AttachmentUploadResult> {
    const query = new URLSearchParams({ name, ...(clientId ? { clientId } : {}) });
    const response = await this.call(`/api/sessions/${encodeURIComponent(sessionId)}/attachments?${query.toString()}`, {
      method: 'POST',
      headers: { 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
    return (await response.json()) as AttachmentUploadResult;
  }

  /** A link that works now (from the held ones while it has time left). */
  async link(sessionId: string, attachmentId: string): Promise<string> {
    const key = `${sessionId}/${attachmentId}`;
    const now = this.options.now?.() ?? Date.now();
    const held = this.links.get(key);
    if (held && held.expires - (this.options.renewBeforeMs ?? 30_000) > now) return held.url;
    const response = await this.call(`/api/sessions/${encodeURIComponent(sessionId)}/attachments/${encodeURIComponent(attachmentId)}/link`, { method: 'GET' });
    const link = (await response.json()) as AttachmentLink;
    const url = `${this.options.baseUrl}${link.url}`;
    if (this.links.size >= 500) this.links.delete(this.links.keys().next().value!);
    this.links.set(key, { url, expires: Date.parse(link.expiresAt) });
    return url;
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
    const body = (await response.json().catch(() => ({}))) as { code?: unknown; message?: unknown };
    const code = typeof body.code === 'string' ? body.code : response.status === 401 ? 'UNAUTHORIZED' : 'INTERNAL';
    const message = typeof body.message === 'string' ? body.message : `HTTP ${response.status}`;
    const sentence = code === 'ATTACHMENT_TOO_LARGE' || code === 'ATTACHMENT_TYPE_NOT_ALLOWED' ? { sentence: message } : undefined;
    throw new CommandError(code, message, sentence);
  }
}
