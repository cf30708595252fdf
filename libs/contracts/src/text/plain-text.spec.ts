import {
  agentCreateSchema,
  commandPayloads,
  endUserCreateSchema,
  knowledgeArticleCreateSchema,
  loginRequestSchema,
  postMessageSchema,
  queueCreateSchema,
} from '../index';
import { NUL_MESSAGE } from './plain-text';

const NUL = '\u0000';
const messagesOf = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => (result.error?.issues ?? []).map((i) => i.message);

describe('issue 13 item 7: a NUL character (U+0000) is refused at every edge by the contracts', () => {
  it('in the WebSocket frames (a post, a knowledge search)', () => {
    const post = commandPayloads['session.post'].safeParse({ sessionId: 'p3-0123456789abcdef', text: `hello${NUL}world` });
    expect(post.success).toBe(false);
    expect(messagesOf(post)).toContain(NUL_MESSAGE);
    const search = commandPayloads['knowledge.search'].safeParse({ query: `vpn${NUL}` });
    expect(messagesOf(search)).toContain(NUL_MESSAGE);
  });

  it('in the NATS commands of a chat session (text and ids)', () => {
    const base = { type: 'PostMessage', commandId: 'cmd-00000001', sessionId: 'p3-0123456789abcdef', actor: { role: 'endUser', id: 'u1' }, text: 'hi' };
    expect(postMessageSchema.safeParse(base).success).toBe(true);
    expect(messagesOf(postMessageSchema.safeParse({ ...base, text: `a${NUL}b` }))).toContain(NUL_MESSAGE);
    expect(messagesOf(postMessageSchema.safeParse({ ...base, commandId: `cmd-0000${NUL}01` }))).toContain(NUL_MESSAGE);
  });

  it('in the admin REST bodies and the sign-in', () => {
    expect(messagesOf(agentCreateSchema.safeParse({ id: 'ag1', displayName: `Ann${NUL}` }))).toContain(NUL_MESSAGE);
    expect(messagesOf(endUserCreateSchema.safeParse({ id: 'eu1', displayName: 'Eve', companyId: 'acme', site: `HQ${NUL}` }))).toContain(NUL_MESSAGE);
    expect(messagesOf(queueCreateSchema.safeParse({ name: 'Network', description: `x${NUL}` }))).toContain(NUL_MESSAGE);
    expect(messagesOf(knowledgeArticleCreateSchema.safeParse({ title: 'T', body: `b${NUL}` }))).toContain(NUL_MESSAGE);
    expect(messagesOf(loginRequestSchema.safeParse({ username: `admin${NUL}`, password: 'x' }))).toContain(NUL_MESSAGE);
  });
});
