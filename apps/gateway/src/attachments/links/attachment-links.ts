import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed links to an attachment (issue 17): the gateway hands one to a
 * participant of the chat or an administrator, and answers its download to
 * whoever holds it until it expires, so an `<img src>` works without a
 * bearer header. The signature (HMAC-SHA256 with a key derived from the
 * gateway's token secret, the same on every gateway) covers the file, its
 * chat and the expiry, so none of them can be changed; the clock is injected.
 */
export interface LinkParts {
  attachmentId: string;
  sessionId: string;
  /** Expiry, seconds since the epoch. */
  expires: number;
}

export type LinkCheck = { ok: true; parts: LinkParts } | { ok: false; reason: 'invalid' | 'expired' };

export class AttachmentLinks {
  private readonly key: Buffer;

  constructor(
    tokenSecret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    // A key of its own, so a link signature can never be mistaken for a token signature.
    this.key = createHmac('sha256', tokenSecret).update('switchboard attachment links v1').digest();
  }

  /** A link valid for `ttlSeconds` from now: the path with its query, and when it lapses. */
  sign(attachmentId: string, sessionId: string): { url: string; expiresAt: string } {
    const expires = Math.floor(this.now().getTime() / 1000) + this.ttlSeconds;
    const sig = this.signature({ attachmentId, sessionId, expires });
    const query = new URLSearchParams({ session: sessionId, expires: String(expires), sig });
    return { url: `/api/attachments/${encodeURIComponent(attachmentId)}?${query.toString()}`, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** Checks a link's query: signed by this deployment and not yet expired (in that order: a changed expiry is invalid, not expired). */
  verify(attachmentId: string, query: { session?: unknown; expires?: unknown; sig?: unknown }): LinkCheck {
    const { session, expires, sig } = query;
    if (typeof session !== 'string' || typeof expires !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(expires)) {
      return { ok: false, reason: 'invalid' };
    }
    const parts: LinkParts = { attachmentId, sessionId: session, expires: Number(expires) };
    const expected = Buffer.from(this.signature(parts));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    if (this.now().getTime() >= parts.expires * 1000) return { ok: false, reason: 'expired' };
    return { ok: true, parts };
  }

  /** Seconds left before the link lapses (for Cache-Control). */
  secondsLeft(parts: LinkParts): number {
    return Math.max(0, parts.expires - Math.floor(this.now().getTime() / 1000));
  }

  private signature(parts: LinkParts): string {
    return createHmac('sha256', this.key).update(`${parts.attachmentId}\n${parts.sessionId}\n${parts.expires}`).digest('base64url');
  }
}
