import { z } from 'zod';
import { fail, ok, replySchema } from './reply-envelope';
import { createSubjects, SUBJECT_PREFIX_PATTERN } from './subjects';

describe('reply envelope', () => {
  const schema = replySchema(z.object({ sessionId: z.string() }));

  it('accepts a success reply carrying data of the contract', () => {
    expect(schema.safeParse(ok({ sessionId: 's1' })).success).toBe(true);
  });

  it('accepts a typed error reply with a code and a message', () => {
    expect(schema.safeParse(fail('ALREADY_TAKEN', 'Another agent accepted this chat')).success).toBe(true);
  });

  it('refuses a success reply whose data breaks the contract', () => {
    expect(schema.safeParse({ ok: true, data: { sessionId: 7 } }).success).toBe(false);
  });

  it('refuses a payload that only looks like a reply (a bare `response` key)', () => {
    expect(schema.safeParse({ response: { sessionId: 's1' } }).success).toBe(false);
  });

  it('refuses an error without a code', () => {
    expect(schema.safeParse({ ok: false, error: { message: 'x' } }).success).toBe(false);
  });
});

describe('subjects', () => {
  it('hang under the deployment prefix', () => {
    const subjects = createSubjects('acme');
    expect(subjects.diagnosticsRoundTrip('chat-actor')).toBe('acme.diag.chat-actor.roundtrip');
    expect(subjects.queueGroup('router')).toBe('acme.router');
  });

  it('default to the sb prefix', () => {
    expect(createSubjects().diagnosticsRoundTrip('gateway')).toBe('sb.diag.gateway.roundtrip');
  });

  it('only allow prefixes without wildcards or spaces', () => {
    expect(SUBJECT_PREFIX_PATTERN.test('sb.prod')).toBe(true);
    for (const bad of ['sb.*', 'sb.>', 'a b', '', 'sb.']) expect(SUBJECT_PREFIX_PATTERN.test(bad)).toBe(false);
  });
});
