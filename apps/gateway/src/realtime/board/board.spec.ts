import {
  BOARD_FRAME_MAX_BYTES,
  BOARD_MAX_AGENTS_PER_QUEUE,
  BOARD_MAX_CHATS_PER_QUEUE,
  BOARD_MAX_QUEUES,
  BOARD_MAX_WAITING_PER_QUEUE,
  boardSnapshotFrameSchema,
  type ListItem,
} from '@switchboard/contracts';
import { DEFAULT_SETTINGS, type AgentInfo } from '@switchboard/domain';
import type { ChatActivity } from '../sessions/open-sessions.projection';
import { boardQueuesOf, buildBoard, type BoardSources } from './board';

const settings = { ...DEFAULT_SETTINGS, supportQueues: true };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, minute)).toISOString();
const chat = (n: number, over: Partial<ListItem> = {}): ListItem => ({
  sessionId: `s${String(n).padStart(4, '0')}`,
  version: 1,
  status: 'QUEUED',
  queue: 'Network',
  companyId: 'acme',
  endUserId: `u${n}`,
  cancelledByUser: false,
  userLeft: false,
  queuedAt: at(n % 60),
  createdAt: at(n % 60),
  ...over,
});
const agent = (id: string, over: Partial<AgentInfo> = {}): AgentInfo => ({ id, displayName: `Agent ${id}`, presence: 'online', queues: ['Network'], companies: ['acme'], load: 0, ...over });

function sources(chats: ListItem[], agents: AgentInfo[], extra: { offers?: Record<string, string>; activity?: Record<string, ChatActivity>; supportQueues?: boolean } = {}): BoardSources {
  return {
    chats,
    offerOf: (id) => (extra.offers?.[id] ? { agentId: extra.offers[id]!, expiresAt: at(59) } : undefined),
    activityOf: (id) => extra.activity?.[id],
    agents,
    settings: { ...settings, supportQueues: extra.supportQueues ?? true },
    now: new Date(at(30)),
  };
}

describe('the monitoring board (issue 16, ADR 25)', () => {
  it('issue 16: per supervised queue, waiting chats in service order with offers, chats with help flags first and both sides\' last messages, the agents', () => {
    const chats = [
      chat(1, { queuedAt: at(5) }),
      chat(2, { queuedAt: at(1) }),
      chat(3, { queuedAt: at(9), priority: 2 }),
      chat(4, { status: 'ASSIGNED', ownerAgentId: 'a1', queuedAt: undefined, createdAt: at(0) } as Partial<ListItem>),
      chat(5, { status: 'ASSIGNED', ownerAgentId: 'a2', createdAt: at(3) }),
      chat(6, { queue: 'Hardware' }),
      chat(7, { status: 'CLOSED' as ListItem['status'] }),
    ];
    const board = buildBoard(['Network'], sources(chats, [agent('a1'), agent('a2', { presence: 'away', load: 1 }), agent('a3', { queues: ['Hardware'] }), agent('a0', { presence: 'offline' })], {
      offers: { s0001: 'a1' },
      activity: { s0005: { helpFlag: { agentId: 'a2', raisedAt: at(20) }, lastEndUserMessageAt: at(21), lastAgentMessageAt: at(22) } },
    }));
    expect(board.now).toBe(at(30));
    expect(board.truncated).toBe(false);
    const [network] = board.queues;
    expect(board.queues).toHaveLength(1);
    expect(network!.waiting.map((c) => [c.sessionId, c.priority ?? 0, c.offer?.agentId])).toEqual([['s0003', 2, undefined], ['s0002', 0, undefined], ['s0001', 0, 'a1']]);
    expect(network!.chats.map((c) => c.sessionId)).toEqual(['s0005', 's0004']);
    expect(network!.chats[0]).toMatchObject({ ownerAgentId: 'a2', helpFlag: { agentId: 'a2' }, lastEndUserMessageAt: at(21), lastAgentMessageAt: at(22) });
    // Agents with a chat of the queue first, then the others present, the offline last; not the agents of other queues.
    expect(network!.agents.map((a) => [a.agentId, a.presence])).toEqual([['a1', 'online'], ['a2', 'away'], ['a0', 'offline']]);
    expect(network!.totals).toEqual({ waiting: 3, chats: 2, agents: 3, offers: 1, helpFlags: 1 });
    expect(() => boardSnapshotFrameSchema.parse({ type: 'board.snapshot', ...board })).not.toThrow();
  });

  it('issue 16 R19: a chat belongs to its queue as routing reads it: with Support Queues off every chat is General\'s, none is Network\'s', () => {
    const chats = [chat(1), chat(2, { queue: 'Hardware' })];
    expect(buildBoard(['Network'], sources(chats, [], { supportQueues: false })).queues[0]!.waiting).toEqual([]);
    expect(buildBoard(['General'], sources(chats, [], { supportQueues: false })).queues[0]!.waiting.map((c) => c.sessionId)).toEqual(['s0001', 's0002']);
    expect([...boardQueuesOf([chat(1), undefined, chat(2, { queue: 'Hardware' })], settings)]).toEqual(['Network', 'Hardware']);
    expect([...boardQueuesOf([chat(1)], { ...settings, supportQueues: false })]).toEqual(['General']);
  });

  it('issue 16: bounded: BOARD_MAX_QUEUES queues, BOARD_MAX_WAITING/CHATS/AGENTS_PER_QUEUE rows, totals count them all, within BOARD_FRAME_MAX_BYTES at the largest', () => {
    // Queue names and agent ids: 64 ASCII characters (their patterns); display names 120 and end users' names 200, in 3-byte characters.
    const queues = Array.from({ length: BOARD_MAX_QUEUES + 5 }, (_, i) => `${'Q'.repeat(61)}${String(i).padStart(3, '0')}`);
    const id = (s: string) => s.padEnd(64, 'x');
    const chats: ListItem[] = [];
    const agents: AgentInfo[] = [];
    const activity: Record<string, ChatActivity> = {};
    const offers: Record<string, string> = {};
    queues.forEach((queue, q) => {
      for (let i = 0; i < 100; i++) {
        const n = q * 1000 + i;
        const owner = id(`agent-${q}-${i % 40}`);
        const item = chat(n, { queue, sessionId: `k1-${String(n).padStart(36, '0')}`, endUserName: '€'.repeat(200), status: i % 2 ? 'QUEUED' : 'ASSIGNED', ...(i % 2 ? {} : { ownerAgentId: owner }) });
        chats.push(item);
        activity[item.sessionId] = { helpFlag: { agentId: owner, raisedAt: at(1) }, lastEndUserMessageAt: at(2), lastAgentMessageAt: at(3) };
        offers[item.sessionId] = owner;
      }
      for (let i = 0; i < 40; i++) agents.push(agent(id(`agent-${q}-${i}`), { displayName: '€'.repeat(120), queues: [queue] }));
    });
    const board = buildBoard(queues, sources(chats, agents, { activity, offers }));
    expect(board.truncated).toBe(true);
    expect(board.queues).toHaveLength(BOARD_MAX_QUEUES);
    for (const line of board.queues) {
      expect([line.waiting.length, line.chats.length, line.agents.length]).toEqual([BOARD_MAX_WAITING_PER_QUEUE, BOARD_MAX_CHATS_PER_QUEUE, BOARD_MAX_AGENTS_PER_QUEUE]);
      expect(line.totals).toEqual({ waiting: 50, chats: 50, agents: 40, offers: 50, helpFlags: 50 });
    }
    const frame = boardSnapshotFrameSchema.parse({ type: 'board.snapshot', ...board });
    expect(Buffer.byteLength(JSON.stringify(frame))).toBeLessThanOrEqual(BOARD_FRAME_MAX_BYTES);
  });
});
