import { AttachmentLinks } from './attachment-links';

describe('signed attachment links', () => {
  const SECRET = 'a-test-secret-of-at-least-32-characters!!';
  let now = new Date('2026-11-30T08:00:00Z');
  const clock = () => now;
  const links = new AttachmentLinks(SECRET, 300, clock);
  const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://gateway').searchParams);

  beforeEach(() => (now = new Date('2026-11-30T08:00:00Z')));

  it('a link works until it expires, then says expired', () => {
    const link = links.sign('665f1c2e9b1e8a0012345678', 'k1-session-0001');
    expect(link.url).toMatch(/^\/api\/attachments\/665f1c2e9b1e8a0012345678\?session=k1-session-0001&expires=\d+&sig=/);
    expect(link.expiresAt).toBe('2026-11-30T08:05:00.000Z');
    expect(links.verify('665f1c2e9b1e8a0012345678', queryOf(link.url))).toMatchObject({ ok: true, parts: { sessionId: 'k1-session-0001' } });
    now = new Date('2026-11-30T08:04:59.999Z');
    expect(links.verify('665f1c2e9b1e8a0012345678', queryOf(link.url)).ok).toBe(true);
    now = new Date('2026-11-30T08:05:00Z');
    expect(links.verify('665f1c2e9b1e8a0012345678', queryOf(link.url))).toEqual({ ok: false, reason: 'expired' });
  });

  it('changing the file, the chat or the expiry makes the link invalid (not expired: a lengthened expiry is not honoured)', () => {
    const link = links.sign('665f1c2e9b1e8a0012345678', 'k1-session-0001');
    const q = queryOf(link.url);
    expect(links.verify('665f1c2e9b1e8a0012345679', q)).toEqual({ ok: false, reason: 'invalid' });
    expect(links.verify('665f1c2e9b1e8a0012345678', { ...q, session: 'k1-session-0002' })).toEqual({ ok: false, reason: 'invalid' });
    expect(links.verify('665f1c2e9b1e8a0012345678', { ...q, expires: String(Number(q['expires']) + 3600) })).toEqual({ ok: false, reason: 'invalid' });
    expect(links.verify('665f1c2e9b1e8a0012345678', { ...q, sig: q['sig']!.slice(1) })).toEqual({ ok: false, reason: 'invalid' });
    expect(links.verify('665f1c2e9b1e8a0012345678', {})).toEqual({ ok: false, reason: 'invalid' });
    expect(links.verify('665f1c2e9b1e8a0012345678', { ...q, expires: '1e9' })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('a link signed with another secret is invalid; gateways with the same secret accept each other\'s links', () => {
    const link = links.sign('665f1c2e9b1e8a0012345678', 'k1-session-0001');
    expect(new AttachmentLinks('another-secret-of-at-least-32-characters', 300, clock).verify('665f1c2e9b1e8a0012345678', queryOf(link.url)).ok).toBe(false);
    expect(new AttachmentLinks(SECRET, 60, clock).verify('665f1c2e9b1e8a0012345678', queryOf(link.url)).ok).toBe(true);
  });

  it('says how long a link has left, for caching', () => {
    const link = links.sign('665f1c2e9b1e8a0012345678', 'k1-session-0001');
    now = new Date('2026-11-30T08:04:00Z');
    const check = links.verify('665f1c2e9b1e8a0012345678', queryOf(link.url));
    if (!check.ok) throw new Error('link refused');
    expect(links.secondsLeft(check.parts)).toBe(60);
  });
});
