import { TestBed } from '@angular/core/testing';
import { toObservable } from '@angular/core/rxjs-interop';
import { CommandError } from '@switchboard/client';
import type { ListItem, SessionEventView } from '@switchboard/contracts';
import { FakeClient, FakeGateway, hello } from '@switchboard/chat-ui/testing';
import { filter, firstValueFrom } from 'rxjs';
import { AgentStore, newestWithoutHole, type Alert } from './agent-store';
import { CLIENT_FACTORY, CONSOLE_SESSION, AGENT_SESSION } from './client-factory';

const item = (sessionId: string, fields: Partial<ListItem> = {}): ListItem => ({
  sessionId,
  version: 1,
  status: 'QUEUED',
  queue: 'Network',
  companyId: 'acme',
  endUserId: 'erin',
  endUserName: 'Erin User',
  description: 'VPN drops',
  cancelledByUser: false,
  userLeft: false,
  ...fields,
});
const ev = (seq: number, type: string, fields: Record<string, unknown> = {}): SessionEventView => ({ seq, type, at: '2026-11-24T10:00:00.000Z', sessionId: 's1', ...fields });

describe('AgentStore', () => {
  let fake: FakeClient;
  let gateway: FakeGateway;
  let store: AgentStore;
  let alerts: Alert[];

  beforeEach(async () => {
    // The browser holds the agent's sign-in cookie: restore() signs in.
    gateway = new FakeGateway().signedIn({ id: 'alice', role: 'agent', name: 'Alice Agent' });
    fake = new FakeClient();
    fake.replies = {
      connect: () => hello('alice', 'agent', 'Alice Agent'),
      presence: () => ({ presence: 'online' }),
      topics: () => ({ useTopics: true, topics: [{ id: 'vpn', name: 'VPN' }] }),
      resume: (_id: string, after: number) => ({ session: item('s1'), events: [ev(1, 'SessionStarted', { description: 'VPN drops' }), ev(2, 'MessagePosted', { from: 'endUser', text: 'hi' })].filter((e) => e.seq > after), hasOlder: false, lastSeq: 2 }),
      customerInfo: () => ({ endUserId: 'erin', company: { id: 'acme' }, assets: [], openTickets: [] }),
      resources: () => ({ outages: [], responseTemplates: [], knowledgeArticles: [] }),
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: CLIENT_FACTORY, useValue: () => fake.asClient() },
        { provide: CONSOLE_SESSION, useFactory: () => gateway.session(AGENT_SESSION) },
      ],
    });
    store = TestBed.inject(AgentStore);
    alerts = [];
    store.onAlert((a) => alerts.push(a));
    await store.restore();
  });

  it('R2 R5.1 lists: counts follow snapshots and changes; new chats and transfers raise alerts', () => {
    fake.emit('lists.snapshot', { type: 'lists.snapshot', queue: [item('q1')], transferred: [], myChats: [], totals: { queue: 1, transferred: 0, myChats: 0 }, truncated: false });
    expect(store.queue().map((i) => i.sessionId)).toEqual(['q1']);
    fake.emit('lists.changed', {
      type: 'lists.changed',
      changes: [
        { op: 'upsert', list: 'queue', item: item('q2', { endUserName: 'Frank User', description: 'Locked out' }) },
        { op: 'upsert', list: 'transferred', item: item('t1', { status: 'PENDING_TRANSFER', version: 5 }) },
      ],
    });
    expect([store.queue().length, store.transferred().length, store.myChats().length]).toEqual([2, 1, 0]);
    expect(alerts.map((a) => [a.kind, a.text])).toEqual([
      ['newChat', 'New chat from Frank User: Locked out'],
      ['transfer', 'A chat from Erin User was transferred to you'],
    ]);
    expect(store.topicName('vpn')).toBe('VPN');
  });

  it('issue 12: a bounded snapshot: the store counts the rows left out ("N more waiting") and lowers the count as they leave', () => {
    fake.emit('lists.snapshot', { type: 'lists.snapshot', queue: [item('q1'), item('q2')], transferred: [], myChats: [], totals: { queue: 5, transferred: 0, myChats: 0 }, truncated: true });
    expect([store.queue().length, store.more().queue]).toEqual([2, 3]);
    fake.emit('lists.changed', { type: 'lists.changed', changes: [{ op: 'remove', list: 'queue', sessionId: 'not-shown', version: 4 }] });
    expect([store.queue().length, store.more().queue]).toEqual([2, 2]);
  });

  it('R3.4 accept lost to another agent: the chat says so in words, and a later refresh does not hide it', async () => {
    fake.emit('lists.snapshot', { type: 'lists.snapshot', queue: [item('s1')], transferred: [], myChats: [], totals: { queue: 1, transferred: 0, myChats: 0 }, truncated: false });
    await store.select('s1');
    fake.replies['accept'] = () => new CommandError('ALREADY_TAKEN', 'taken');
    expect(await store.accept('s1')).toBe(false);
    expect(store.selected()?.error).toBe('Another agent accepted this chat first.');
    expect(alerts.at(-1)).toEqual({ kind: 'error', text: 'Another agent accepted this chat first.', sessionId: 's1' });
    fake.replies['resume'] = () => new CommandError('FORBIDDEN', 'not visible');
    // The store reads the chat again when it leaves the list: wait for the refusal to reach the selected chat.
    const gone = firstValueFrom(TestBed.runInInjectionContext(() => toObservable(store.selected)).pipe(filter((chat) => chat?.gone === true)));
    fake.emit('lists.changed', { type: 'lists.changed', changes: [{ op: 'remove', list: 'queue', sessionId: 's1', version: 3 }] });
    await gone;
    expect(store.selected()).toMatchObject({ gone: true, error: 'Another agent accepted this chat first.' });
  });

  it('drafts are kept per chat while switching, cleared on send and restored when sending fails', async () => {
    store.setDraft('a', 'half a reply to A');
    store.setDraft('b', 'reply to B');
    await store.select('a');
    await store.select('b');
    expect([store.draftOf('a'), store.draftOf('b')]).toEqual(['half a reply to A', 'reply to B']);
    store.insertIntoDraft('a', 'Template text');
    expect(store.draftOf('a')).toBe('half a reply to A\nTemplate text');
    fake.replies['post'] = () => new CommandError('USER_CANCELLED', 'cancelled');
    expect(await store.send('b')).toBe(false);
    expect(store.draftOf('b')).toBe('reply to B');
    fake.replies['post'] = () => ({ sessionId: 'b', seq: 3, duplicate: false, events: [] });
    expect(await store.send('b')).toBe(true);
    expect(store.draftOf('b')).toBe('');
  });

  it('R13 a draft sent as a side note goes out as one and shows in the history; a refusal keeps the draft', async () => {
    await store.select('s1');
    store.setDraft('s1', 'checked the VPN token, it is fine');
    fake.replies['sideNote'] = () => new CommandError('NOT_OWNER', 'not yours');
    expect(await store.send('s1', 'sideNote')).toBe(false);
    expect(store.draftOf('s1')).toBe('checked the VPN token, it is fine');
    fake.replies['sideNote'] = (_id: string, text: string) => ({
      sessionId: 's1', seq: 3, duplicate: false, events: [ev(3, 'SideNoteAdded', { agentId: 'alice', agentName: 'Alice Agent', text })],
    });
    expect(await store.send('s1', 'sideNote')).toBe(true);
    expect(fake.calls.filter(([m]) => m === 'post')).toEqual([]);
    expect(fake.calls.filter(([m]) => m === 'sideNote').at(-1)?.[1]).toEqual(['s1', 'checked the VPN token, it is fine']);
    expect(store.draftOf('s1')).toBe('');
    expect(store.transcript().at(-1)).toMatchObject({ kind: 'note', text: 'checked the VPN token, it is fine' });
  });

  it('R3.3 a chat whose transfer events arrived first is loaded with its recent page (side notes and history of earlier agents)', async () => {
    fake.emit('session.event', {
      type: 'session.event',
      sessionId: 's1',
      seq: 5,
      prevSeq: 4,
      event: ev(5, 'SideNoteAdded', { authorName: 'Alice Agent', text: 'Knows the VPN setup' }),
      session: item('s1', { status: 'PENDING_TRANSFER', version: 5 }),
      notices: [],
    });
    await store.select('s1');
    expect(fake.calls.filter(([m]) => m === 'resume').map(([, args]) => args)).toEqual([['s1', 0]]);
    expect(store.transcript().map((l) => l.kind)).toEqual(['system', 'message', 'message', 'note']);
  });

  it('R11.2 R12 notices become alerts', () => {
    fake.emit('session.event', {
      type: 'session.event',
      sessionId: 's1',
      seq: 3,
      prevSeq: 2,
      event: ev(3, 'UserCancelled'),
      session: item('s1', { status: 'ASSIGNED', cancelledByUser: true }),
      notices: [{ code: 'USER_CANCELLED', text: 'End user has cancelled chat.' }],
    });
    expect(alerts).toEqual([{ kind: 'info', text: 'End user has cancelled chat.', sessionId: 's1' }]);
  });

  it('newestWithoutHole: the newest seq reached from the first one held without a hole', () => {
    expect(newestWithoutHole([])).toBe(0);
    expect(newestWithoutHole([ev(1, 'a'), ev(2, 'b'), ev(4, 'c')])).toBe(2);
    expect(newestWithoutHole([ev(51, 'a'), ev(52, 'b')])).toBe(52);
  });

  describe('history in pages (R3.3, R13)', () => {
    const message = (seq: number) => ev(seq, 'MessagePosted', { from: seq % 2 ? 'endUser' : 'agent', authorName: 'Erin User', text: `message ${seq}` });
    /** A chat of 120 events: the store asks pages of the history and gets them as the gateway answers. */
    const chat = Array.from({ length: 120 }, (_, i) => (i === 0 ? ev(1, 'SessionStarted', { description: 'VPN drops', endUserName: 'Erin User', queue: 'Network' }) : message(i + 1)));
    const page = (beforeSeq: number, limit: number) => {
      const events = chat.filter((e) => e.seq < beforeSeq).slice(-limit);
      return { events, hasOlder: (events[0]?.seq ?? 1) > 1, lastSeq: 120 };
    };

    beforeEach(() => {
      fake.replies['resume'] = (_id: string, after: number) => {
        const events = chat.filter((e) => e.seq > after).slice(-100);
        return { session: item('s1', { version: 120 }), events, hasOlder: events[0]!.seq > after + 1, lastSeq: 120 };
      };
      fake.replies['history'] = (_id: string, p: { beforeSeq: number; limit: number }) => page(p.beforeSeq, p.limit);
    });

    it('opens with the most recent page, then loads the previous ones on demand down to the start', async () => {
      await store.select('s1');
      expect(store.selected()).toMatchObject({ hasOlder: true });
      expect(store.selected()!.events.map((e) => e.seq)).toEqual(chat.slice(20).map((e) => e.seq));
      await store.loadOlder('s1');
      expect(fake.calls.filter(([m]) => m === 'history').map(([, a]) => a)).toEqual([['s1', { beforeSeq: 21, limit: 50 }]]);
      expect(store.selected()).toMatchObject({ hasOlder: false, loadingOlder: false });
      expect(store.selected()!.events.map((e) => e.seq)).toEqual(chat.map((e) => e.seq));
      expect(store.transcript()[0]).toMatchObject({ kind: 'system', text: 'Chat started by Erin User in the Network queue' });
      await store.loadOlder('s1'); // nothing older: no request
      expect(fake.calls.filter(([m]) => m === 'history')).toHaveLength(1);
    });

    it('one older page at a time, however often the agent scrolls to the top', async () => {
      await store.select('s1');
      let answer!: () => void;
      const held = new Promise<void>((r) => (answer = r));
      fake.replies['history'] = (_id: string, p: { beforeSeq: number; limit: number }) => held.then(() => page(p.beforeSeq, p.limit));
      const first = store.loadOlder('s1');
      expect(store.selected()?.loadingOlder).toBe(true);
      await store.loadOlder('s1');
      answer();
      await first;
      expect(fake.calls.filter(([m]) => m === 'history')).toHaveLength(1);
    });

    it('R3.3 accept: the recent page, and the record says what the page does not reach (description, ticket)', async () => {
      fake.emit('lists.snapshot', { type: 'lists.snapshot', queue: [item('s1')], transferred: [], myChats: [], totals: { queue: 1, transferred: 0, myChats: 0 }, truncated: false });
      const recent = chat.slice(-50);
      fake.replies['accept'] = () => ({
        session: { ...item('s1', { status: 'ASSIGNED', version: 120 }), description: 'VPN drops', createdAt: chat[0]!.at, ticket: { ticketId: 'T-9', summary: 'VPN', status: 'Open' }, history: recent, hasOlder: true },
        customer: { endUserId: 'erin', company: { id: 'acme' }, assets: [], openTickets: [] },
        resources: { outages: [], responseTemplates: [], knowledgeArticles: [] },
        duplicate: false,
      });
      expect(await store.accept('s1')).toBe(true);
      expect(store.selected()).toMatchObject({ hasOlder: true });
      expect(store.selected()!.events).toHaveLength(50);
      expect(store.facts()).toMatchObject({ description: 'VPN drops', ticket: { ticketId: 'T-9', status: 'Open' } });
    });

    it('R12 after a long disconnection only the recent page came back: what was held below it is dropped, older pages load again', async () => {
      await store.select('s1');
      await store.loadOlder('s1');
      fake.emit('session.gap', { sessionId: 's1', firstSeq: 300 });
      expect(store.selected()).toMatchObject({ events: [], hasOlder: true });
    });
  });
});
