import { parseFrame } from './frame-parser';

describe('parseFrame', () => {
  it('accepts a valid command and keeps only its fields', () => {
    const parsed = parseFrame(JSON.stringify({ type: 'session.post', clientId: 'abcdefgh-1', sessionId: 'ab1-0123456789', text: ' hi ' }));
    expect(parsed).toEqual({ kind: 'command', clientId: 'abcdefgh-1', type: 'session.post', payload: { sessionId: 'ab1-0123456789', text: 'hi' } });
  });

  it.each([
    ['not json', '{nope', 'unaddressed', 'BAD_FRAME'],
    ['an array', '[1,2]', 'unaddressed', 'BAD_FRAME'],
    ['a string', '"x"', 'unaddressed', 'BAD_FRAME'],
    ['no clientId', '{"type":"ping"}', 'unaddressed', 'BAD_FRAME'],
    ['a short clientId', '{"type":"ping","clientId":"a"}', 'unaddressed', 'BAD_FRAME'],
    ['no type', '{"clientId":"abcdefgh"}', 'refused', 'BAD_FRAME'],
    ['an unknown type', '{"type":"session.hack","clientId":"abcdefgh"}', 'refused', 'UNKNOWN_COMMAND'],
    ['a prototype key as type', '{"type":"__proto__","clientId":"abcdefgh"}', 'refused', 'UNKNOWN_COMMAND'],
    ['a missing field', '{"type":"session.post","clientId":"abcdefgh","sessionId":"ab1-0123456789"}', 'refused', 'BAD_FRAME'],
    ['an extra field (actor spoofing)', '{"type":"ping","clientId":"abcdefgh","actor":{"role":"admin","id":"x"}}', 'refused', 'BAD_FRAME'],
    ['a bad session id', '{"type":"session.cancel","clientId":"abcdefgh","sessionId":"../etc"}', 'refused', 'BAD_FRAME'],
    ['a too long text', JSON.stringify({ type: 'session.post', clientId: 'abcdefgh', sessionId: 'ab1-0123456789', text: 'x'.repeat(4001) }), 'refused', 'BAD_FRAME'],
  ])('refuses %s with a typed error', (_name, text, kind, code) => {
    const parsed = parseFrame(text);
    expect(parsed.kind).toBe(kind);
    expect(parsed).toMatchObject({ error: { code } });
  });
});
