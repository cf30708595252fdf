import { RenewingSession, type SessionStorageLike } from './renewing-session';

const principal = { id: 'alice', role: 'agent' as const, name: 'Alice Agent' };

function memoryStorage(): SessionStorageLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

describe('RenewingSession', () => {
  const t0 = Date.parse('2026-11-29T21:00:00.000Z');

  it('issue 13 (short-lived access tokens with refresh): gives the held token while it is fresh, and buys a new pair shortly before it expires', async () => {
    const storage = memoryStorage();
    const asked: unknown[] = [];
    const fetchFn = (async (_url: string, init: { body: string }) => {
      asked.push(JSON.parse(init.body));
      return new Response(JSON.stringify({ token: 'access-2', expiresAt: '2026-11-29T21:30:00.000Z', refreshToken: 'refresh-2', principal }), { status: 200 });
    }) as unknown as typeof fetch;
    let now = t0;
    const session = new RenewingSession('', 'k', storage, fetchFn, () => now);
    session.save({ token: 'access-1', expiresAt: '2026-11-29T21:15:00.000Z', refreshToken: 'refresh-1', principal });

    expect(await session.token()).toBe('access-1');
    expect(asked).toEqual([]);
    now = Date.parse('2026-11-29T21:14:30.000Z');
    expect(await session.token()).toBe('access-2');
    expect(asked).toEqual([{ refreshToken: 'refresh-1' }]);
    expect(storage.getItem('k')).toBe('access-2');
    expect(JSON.parse(storage.getItem('k.refresh')!)).toEqual({ refreshToken: 'refresh-2', expiresAt: '2026-11-29T21:30:00.000Z' });
  });

  it('issue 13: a refused refresh (sessions ended) drops the refresh token; signing out forgets both', async () => {
    const storage = memoryStorage();
    const refused = (async () => new Response(JSON.stringify({ code: 'UNAUTHORIZED' }), { status: 401 })) as unknown as typeof fetch;
    const session = new RenewingSession('', 'k', storage, refused, () => t0);
    session.save({ token: 'access-1', expiresAt: '2026-11-29T21:00:30.000Z', refreshToken: 'refresh-1', principal });
    expect(await session.token()).toBe('access-1');
    expect(storage.getItem('k.refresh')).toBeNull();
    session.clear();
    expect(storage.items.size).toBe(0);
    expect(await session.token()).toBe('');
  });
});
