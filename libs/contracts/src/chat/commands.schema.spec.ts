// The command contract is where a command's shape is checked, once per edge (ADR 7): the chat
// actor parses every NATS command with `sessionCommandSchema` (a refusal is BAD_REQUEST), the
// gateway every WebSocket frame with its payload schema, picked from the same schemas (BAD_FRAME).
// These cases were the domain's VALIDATION tests before the domain's validator was removed.
import { commandPayloads } from '../gateway/frames';
import { MAX_TEXT, sessionCommandSchema, type SessionCommandMessage } from './commands.schema';

const SESSION = 'k1-session-0001';
let n = 0;
const command = (body: Record<string, unknown>): Record<string, unknown> => ({
  commandId: `command-${++n}`,
  sessionId: SESSION,
  actor: { role: 'endUser', id: 'u-1' },
  ...body,
});
const start = (over: Record<string, unknown> = {}) => command({ type: 'StartSession', requestId: 'req-1', description: 'My VPN does not connect', ...over });
const say = (over: Record<string, unknown> = {}) => command({ type: 'PostMessage', text: 'hello', ...over });
const agent = (id: string) => ({ role: 'agent', id });

const accepted = (c: unknown) => sessionCommandSchema.safeParse(c).success;
/** The paths of the fields a refusal names. */
const refusedFields = (c: unknown): string[] => {
  const r = sessionCommandSchema.safeParse(c);
  if (r.success) throw new Error(`expected a refusal of ${JSON.stringify(c)}`);
  return [...new Set(r.error.issues.map((i) => i.path.join('.')))];
};

describe('session command contract', () => {
  it('R1 start: an empty description, a missing request id or a blank one is refused', () => {
    expect(accepted(start())).toBe(true);
    expect(refusedFields(start({ description: '   ' }))).toEqual(['description']);
    expect(refusedFields(start({ description: '' }))).toEqual(['description']);
    expect(refusedFields(start({ requestId: '' }))).toEqual(['requestId']);
    expect(refusedFields(start({ requestId: '   ' }))).toEqual(['requestId']);
    const { requestId: _r, ...withoutRequest } = start();
    expect(refusedFields(withoutRequest)).toEqual(['requestId']);
  });

  it('R14 ticket: an empty summary is refused', () => {
    const ticket = (summary: string) => command({ type: 'CreateTicket', actor: agent('a1'), summary });
    expect(accepted(ticket('VPN broken'))).toBe(true);
    expect(refusedFields(ticket(' '))).toEqual(['summary']);
  });

  it('validation: malformed commands are refused (empty or too long text, bad ids, unknown role or type, a wrong field type)', () => {
    expect(refusedFields(say({ text: '' }))).toEqual(['text']);
    expect(accepted(say({ text: 'x'.repeat(MAX_TEXT) }))).toBe(true);
    expect(refusedFields(say({ text: 'x'.repeat(MAX_TEXT + 1) }))).toEqual(['text']);
    expect(refusedFields(say({ commandId: '' }))).toEqual(['commandId']);
    expect(refusedFields(say({ sessionId: 's-1' }))).toEqual(['sessionId']);
    expect(refusedFields(say({ actor: { role: 'hacker', id: 'x' } }))).toEqual(['actor.role']);
    expect(refusedFields(say({ actor: { role: 'agent', id: ' ' } }))).toEqual(['actor.id']);
    expect(refusedFields(say({ actor: undefined }))).toEqual(['actor']);
    expect(refusedFields(say({ type: 'Explode' }))).toEqual(['type']);
    expect(refusedFields(command({ type: 'EndChat', actor: agent('a1'), resolveTicket: 'yes' }))).toEqual(['resolveTicket']);
    expect(accepted(command({ type: 'EndChat', actor: agent('a1'), resolveTicket: false }))).toBe(true);
  });

  it('R19 authorization: a field the contract does not know is refused, not dropped', () => {
    expect(accepted(say({ extra: 1 }))).toBe(false);
    expect(accepted(command({ type: 'AcceptSession', actor: agent('a1'), text: 'hi' }))).toBe(false);
  });

  it('R13 history: text is kept as sent, without the surrounding blanks; an optional side note or comment may be left out', () => {
    const parsed = sessionCommandSchema.parse(say({ text: '  two  words \n' })) as Extract<SessionCommandMessage, { type: 'PostMessage' }>;
    expect(parsed.text).toBe('two  words');
    expect(accepted(command({ type: 'TransferToAgent', actor: agent('a1'), targetAgentId: 'a2' }))).toBe(true);
    expect(refusedFields(command({ type: 'TransferToAgent', actor: agent('a1'), targetAgentId: 'a2', sideNote: 'x'.repeat(MAX_TEXT + 1) }))).toEqual(['sideNote']);
    expect(accepted(command({ type: 'ForceClose', actor: { role: 'admin', id: 'admin-1' } }))).toBe(true);
    expect(refusedFields(command({ type: 'ForceClose', actor: { role: 'admin', id: 'admin-1' }, comment: 'x'.repeat(MAX_TEXT + 1) }))).toEqual(['comment']);
  });
});

describe('WebSocket frame payloads derive from the commands (one limit, written once)', () => {
  const frames: Array<[keyof typeof commandPayloads, Record<string, unknown>, string]> = [
    ['session.post', { sessionId: SESSION }, 'text'],
    ['session.sideNote', { sessionId: SESSION }, 'text'],
    ['session.createTicket', { sessionId: SESSION }, 'summary'],
    ['session.start', {}, 'description'],
    ['session.transferToAgent', { sessionId: SESSION, targetAgentId: 'a2' }, 'sideNote'],
    ['session.transferToQueue', { sessionId: SESSION, queue: 'General' }, 'sideNote'],
  ];

  it.each(frames)('limits: %s takes %s of at most MAX_TEXT characters, trimmed, not blank', (type, rest, field) => {
    const schema = commandPayloads[type];
    expect(schema.safeParse({ ...rest, [field]: 'x'.repeat(MAX_TEXT) }).success).toBe(true);
    expect(schema.safeParse({ ...rest, [field]: 'x'.repeat(MAX_TEXT + 1) }).success).toBe(false);
    expect(schema.safeParse({ ...rest, [field]: '   ' }).success).toBe(false);
    expect(schema.parse({ ...rest, [field]: ' hi ' })).toEqual({ ...rest, [field]: 'hi' });
  });

  it('frames: the payload of a session command takes the session id and the ids of the NATS command', () => {
    expect(commandPayloads['session.accept'].safeParse({ sessionId: 's-1' }).success).toBe(false);
    expect(commandPayloads['session.accept'].safeParse({ sessionId: SESSION }).success).toBe(true);
    expect(commandPayloads['session.transferToAgent'].safeParse({ sessionId: SESSION, targetAgentId: ' ' }).success).toBe(false);
    expect(commandPayloads['session.requestControl'].safeParse({ sessionId: SESSION, assetId: 'x'.repeat(129) }).success).toBe(false);
    expect(commandPayloads['session.end'].safeParse({ sessionId: SESSION, resolveTicket: 'yes' }).success).toBe(false);
  });

  it('frames: a payload plus the command id, the actor and the type is the NATS command', () => {
    const payload = commandPayloads['session.transferToQueue'].parse({ sessionId: SESSION, queue: 'Network', sideNote: ' see notes ' });
    const parsed = sessionCommandSchema.parse({ ...payload, type: 'TransferToQueue', commandId: 'command-frame-1', actor: agent('a1') });
    expect(parsed).toEqual({ ...payload, type: 'TransferToQueue', commandId: 'command-frame-1', actor: agent('a1') });
  });
});
