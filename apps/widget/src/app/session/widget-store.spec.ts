import { TestBed } from '@angular/core/testing';
import { CommandError } from '@switchboard/client';
import type { SessionDetail, SessionSummary } from '@switchboard/contracts';
import { FakeClient, FakeGateway, hello } from '@switchboard/chat-ui/testing';
import { placeInQueue } from '../chat/queue-place';
import { CLIENT_FACTORY, CONSOLE_SESSION, WIDGET_SESSION } from './client-factory';
import { stageOf, WidgetStore } from './widget-store';

const summary = (fields: Partial<SessionSummary> = {}): SessionSummary => ({
  sessionId: 's1',
  version: 2,
  status: 'QUEUED',
  queue: 'Network',
  companyId: 'acme',
  endUserId: 'erin',
  cancelledByUser: false,
  userLeft: false,
  ...fields,
});
const at = '2026-11-24T10:00:00.000Z';
const detail = (fields: Partial<SessionDetail> = {}): SessionDetail => ({
  ...summary(),
  description: 'VPN drops',
  createdAt: at,
  history: [
    { seq: 1, type: 'SessionStarted', at, sessionId: 's1', description: 'VPN drops', endUserName: 'Erin User' },
    { seq: 2, type: 'SessionAssigned', at, sessionId: 's1', agentName: 'Alice Agent', via: 'accept' },
  ],
  hasOlder: false,
  ...fields,
});

describe('WidgetStore', () => {
  let fake: FakeClient;
  let gateway: FakeGateway;
  let store: WidgetStore;

  beforeEach(() => {
    // The browser holds the end user's sign-in cookie: restore() signs in.
    gateway = new FakeGateway().signedIn({ id: 'erin', role: 'endUser', name: 'Erin User' });
    fake = new FakeClient();
    fake.replies = {
      connect: () => hello('erin', 'endUser', 'Erin User'),
      topics: () => ({ useTopics: true, topics: [{ id: 'vpn', name: 'VPN' }] }),
      currentSession: () => null,
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: CLIENT_FACTORY, useValue: () => fake.asClient() },
        { provide: CONSOLE_SESSION, useFactory: () => gateway.session(WIDGET_SESSION) },
      ],
    });
    store = TestBed.inject(WidgetStore);
  });

  it('R12 a reload with a kept token resumes the open chat with its conversation and the agent name (R3.2)', async () => {
    fake.replies['currentSession'] = () => detail({ status: 'ASSIGNED', ownerAgentId: 'alice' });
    await store.restore();
    expect(store.phase()).toBe('chat');
    expect(store.stage()).toBe('chatting');
    expect(store.facts().agentName).toBe('Alice Agent');
    expect(store.transcript().map((l) => l.text)).toEqual(['You started the chat', 'VPN drops', 'Alice Agent is now helping you']);
  });

  it('R1 start: the topic goes with the description when Use Topics is on; a refusal is shown in words', async () => {
    await store.restore();
    expect(store.phase()).toBe('start');
    expect(store.topics()).toEqual([{ id: 'vpn', name: 'VPN' }]);
    fake.replies['startSession'] = () => new CommandError('TOPIC_NOT_FOUND', 'no topic');
    await store.start('VPN drops', 'gone');
    expect(store.error()).toBe('That topic is no longer available. Please choose another one.');
    fake.replies['startSession'] = () => ({ session: detail(), duplicate: false });
    await store.start('VPN drops', 'vpn');
    expect(fake.calls.filter(([m]) => m === 'startSession').at(-1)?.[1]).toEqual(['VPN drops', 'vpn']);
    expect([store.phase(), store.stage(), store.error()]).toEqual(['chat', 'waiting', undefined]);
  });

  it('opening hours (issue 15): a start refused as closed keeps the description and the next opening; leaving the message shows the chat ended with its ticket', async () => {
    await store.restore();
    fake.replies['startSession'] = () => new CommandError('QUEUE_CLOSED', 'closed', { queue: 'Network', nextOpeningAt: '2026-11-25T08:00:00.000Z', timeZone: 'Europe/Berlin' });
    await store.start('VPN drops', 'vpn');
    expect(store.afterHours()).toEqual({ description: 'VPN drops', topic: 'vpn', nextOpeningAt: '2026-11-25T08:00:00.000Z' });
    expect([store.phase(), store.error()]).toEqual(['start', undefined]);
    const left = detail({
      status: 'CLOSED',
      ticket: { ticketId: 'T-1234abcd', status: 'Open', summary: 'VPN drops' },
      history: [
        { seq: 1, type: 'SessionStarted', at, sessionId: 's1', description: 'VPN drops', endUserName: 'Erin User' },
        { seq: 2, type: 'MessageLeft', at, sessionId: 's1', ticketId: 'T-1234abcd', summary: 'VPN drops', reason: 'afterHours' },
        { seq: 3, type: 'SessionClosed', at, sessionId: 's1', reason: 'messageLeft' },
      ],
    });
    fake.replies['leaveMessageInstead'] = () => ({ session: left, duplicate: false });
    await store.leaveMessageAfterHours();
    expect(fake.calls.find(([m]) => m === 'leaveMessageInstead')?.[1]).toEqual(['VPN drops', 'vpn']);
    expect([store.phase(), store.stage(), store.afterHours(), store.messageLeft()]).toEqual(['chat', 'ended', undefined, 'T-1234abcd']);
    expect(store.transcript().at(-1)?.text).toBe('Thank you: your message was left for our team');
  });

  it('maximum wait (issue 15): the long-wait offer asks for a choice until the end user keeps waiting', async () => {
    fake.replies['currentSession'] = () => detail({ history: [{ seq: 1, type: 'SessionStarted', at, sessionId: 's1', description: 'VPN drops' }, { seq: 2, type: 'LongWaitOffered', at, sessionId: 's1', queue: 'Network', waitedSeconds: 300 }] });
    await store.restore();
    expect(store.longWait()).toBe(true);
    fake.replies['keepWaiting'] = () => ({ sessionId: 's1', seq: 3, duplicate: false, events: [{ seq: 3, type: 'KeptWaiting', at, sessionId: 's1' }] });
    await store.keepWaiting();
    expect(fake.calls.find(([m]) => m === 'keepWaiting')?.[1]).toEqual(['s1']);
    expect(store.longWait()).toBe(false);
    expect(store.transcript().at(-1)?.text).toBe('You chose to keep waiting');
  });

  it('R5.2 R8 R9.3 pushed events move the chat along and add notifications', async () => {
    fake.replies['currentSession'] = () => detail({ status: 'ASSIGNED' });
    await store.restore();
    fake.emit('session.event', {
      type: 'session.event', sessionId: 's1', seq: 3, prevSeq: 2, notices: [],
      event: { seq: 3, type: 'SessionReleased', at, sessionId: 's1', agentName: 'Alice Agent', queue: 'Network' },
      session: summary({ version: 3 }),
    });
    expect(store.stage()).toBe('waiting');
    fake.emit('session.event', {
      type: 'session.event', sessionId: 's1', seq: 4, prevSeq: 3, notices: [],
      event: { seq: 4, type: 'SessionClosed', at, sessionId: 's1', reason: 'agentEnded' },
      session: summary({ version: 4, status: 'CLOSED' }),
    });
    expect(store.stage()).toBe('ended');
    expect(store.transcript().slice(-2).map((l) => l.text)).toEqual([
      'Your chat was released so another agent can help you. Please wait.',
      'The agent ended the chat. Thank you for contacting us!',
    ]);
  });

  it('R4.1 the place in the queue shows while the chat waits, even when it came before the start reply, and not once accepted', async () => {
    await store.restore();
    fake.replies['startSession'] = () => {
      fake.emit('session.queuePosition', { type: 'session.queuePosition', sessionId: 's1', queue: 'Network', position: 3 });
      return { session: detail({ status: 'QUEUED', history: [] }), duplicate: false };
    };
    await store.start('VPN drops', 'vpn');
    expect(store.queuePosition()).toBe(3);
    expect(placeInQueue(store.queuePosition(), 'Network')).toBe('You are number 3 in the Network queue (2 chats ahead of you).');
    fake.emit('session.queuePosition', { type: 'session.queuePosition', sessionId: 'other', queue: 'Network', position: 1 });
    expect(store.queuePosition()).toBe(3);
    fake.emit('session.queuePosition', { type: 'session.queuePosition', sessionId: 's1', queue: 'Network', position: 1 });
    expect(placeInQueue(store.queuePosition(), 'Network')).toBe('You are next in the Network queue.');
    fake.emit('session.event', {
      type: 'session.event', sessionId: 's1', seq: 2, prevSeq: 1, notices: [],
      event: { seq: 2, type: 'SessionAssigned', at, sessionId: 's1', agentName: 'Alice Agent', via: 'accept' },
      session: summary({ status: 'ASSIGNED', ownerAgentId: 'alice' }),
    });
    expect(store.queuePosition()).toBeUndefined();
    expect(placeInQueue(undefined, 'Network')).toBe('You are in the Network queue.');
  });

  it('wait estimate (issue 15): shown while the chat waits, also when its event came before the start reply; gone once an agent takes the chat', async () => {
    await store.restore();
    fake.replies['startSession'] = () => {
      fake.emit('session.event', {
        type: 'session.event', sessionId: 's1', seq: 2, prevSeq: 1, notices: [],
        event: { seq: 2, type: 'WaitEstimated', at, sessionId: 's1', minSeconds: 120, maxSeconds: 240, queuedAt: at },
        session: summary({ queuedAt: at }),
      });
      return { session: detail({ version: 1, queuedAt: at, history: [{ seq: 1, type: 'SessionStarted', at, sessionId: 's1', description: 'VPN drops' }] }), duplicate: false };
    };
    await store.start('VPN drops', 'vpn');
    expect(store.waitEstimate()).toBe('Estimated wait: about 2 to 4 minutes.');
    expect(store.summary()?.version).toBe(2);
    fake.emit('session.event', {
      type: 'session.event', sessionId: 's1', seq: 3, prevSeq: 2, notices: [],
      event: { seq: 3, type: 'SessionAssigned', at, sessionId: 's1', agentName: 'Alice Agent', via: 'accept' },
      session: summary({ version: 3, status: 'ASSIGNED', ownerAgentId: 'alice' }),
    });
    expect(store.waitEstimate()).toBeUndefined();
  });

  it('a wrong password and an expired token are explained in words', async () => {
    gateway.answers['/api/auth/login'] = { status: 401, body: { code: 'UNAUTHORIZED' } };
    await store.signIn('erin', 'nope');
    expect(store.error()).toBe('Wrong username or password.');
    fake.replies['connect'] = () => new CommandError('UNAUTHORIZED', 'expired');
    await store.restore();
    expect([store.phase(), store.error(), TestBed.inject(CONSOLE_SESSION).current()]).toEqual(['signedOut', 'Your sign-in has expired. Please sign in again.', undefined]);
  });

  it('issue 13: a reload without the sign-in cookie shows the sign-in form; a sign-in of another role is refused in words', async () => {
    gateway.signedOut();
    await store.restore();
    expect([store.phase(), store.error()]).toEqual(['signedOut', undefined]);
    expect(fake.calls.some(([m]) => m === 'connect')).toBe(false);

    gateway.signedIn({ id: 'alice', role: 'agent', name: 'Alice Agent' });
    await store.signIn('alice', 'agent123');
    expect([store.phase(), store.error()]).toEqual(['signedOut', 'This chat is for customers. Please sign in with a customer account.']);
    expect(gateway.calls.filter((path) => path.startsWith('/api/auth/') && path !== '/api/auth/methods')).toEqual(['/api/auth/refresh', '/api/auth/login', '/api/auth/sign-out']);
  });

  it('issue 19: a socket closed for good with 4401 ends the sign-in; signing out ends this sign-in at the gateway', async () => {
    await store.restore();
    expect(store.phase()).toBe('start');
    fake.emit('disconnected', { code: 4401, reason: 'session revoked', willReconnect: false });
    expect([store.phase(), store.error()]).toEqual(['signedOut', 'Your sign-in has expired. Please sign in again.']);

    await store.restore();
    store.signOut();
    await Promise.resolve();
    expect(store.phase()).toBe('signedOut');
    expect(gateway.calls.at(-1)).toBe('/api/auth/sign-out');
  });

  it('R11 stages: waiting, transferring, chatting, cancelled while assigned (R11.2), ended', () => {
    expect(stageOf(summary())).toBe('waiting');
    expect(stageOf(summary({ status: 'PENDING_TRANSFER' }))).toBe('transferring');
    expect(stageOf(summary({ status: 'ASSIGNED' }))).toBe('chatting');
    expect(stageOf(summary({ status: 'ASSIGNED', cancelledByUser: true }))).toBe('cancelled');
    expect(stageOf(summary({ status: 'ABANDONED' }))).toBe('ended');
  });

  describe('history in pages (R13)', () => {
    /** A long chat as the end user sees it: messages 1..200, with seqs skipped where side notes were. */
    const visible = Array.from({ length: 200 }, (_, i) => ({ seq: i * 2 + 1, type: 'MessagePosted', at, sessionId: 's1', from: 'endUser', text: `message ${i * 2 + 1}` }));
    const page = (beforeSeq: number, limit: number) => {
      const events = visible.filter((e) => e.seq < beforeSeq).slice(-limit);
      return { events, hasOlder: (events[0]?.seq ?? 1) > 1, lastSeq: 400 };
    };

    beforeEach(async () => {
      fake.replies['currentSession'] = () => detail({ status: 'ASSIGNED', ownerAgentId: 'alice', ownerAgentName: 'Alice Agent', version: 400, history: visible.slice(-50), hasOlder: true });
      fake.replies['history'] = (_id: string, p: { beforeSeq: number; limit: number }) => page(p.beforeSeq, p.limit);
      await store.restore();
    });

    it('R12 R3.2 a reload shows the recent page, and the agent\'s name though the assignment lies before it', () => {
      expect([store.events().length, store.hasOlder()]).toEqual([50, true]);
      expect(store.facts().agentName).toBe('Alice Agent');
    });

    it('scrolling to the top loads the previous page, one at a time, until the start of the conversation', async () => {
      const pages: number[] = [];
      while (store.hasOlder()) {
        const loading = store.loadOlder();
        expect(store.loadingOlder()).toBe(true);
        await store.loadOlder(); // a second scroll while the page is on its way asks nothing more
        await loading;
        pages.push(store.events().length);
      }
      expect(pages).toEqual([100, 150, 200]);
      expect(store.events().map((e) => e.seq)).toEqual(visible.map((e) => e.seq));
      expect(fake.calls.filter(([m]) => m === 'history').map(([, a]) => (a[1] as { beforeSeq: number }).beforeSeq)).toEqual([301, 201, 101]);
      expect(store.transcript()[0]).toMatchObject({ text: 'message 1' });
    });

    it('R12 after a long disconnection only the recent page came back: older messages load again from there', async () => {
      fake.emit('session.gap', { sessionId: 's1', firstSeq: 391 });
      expect([store.events().map((e) => e.seq), store.hasOlder()]).toEqual([[391, 393, 395, 397, 399], true]);
      await store.loadOlder();
      expect(fake.calls.filter(([m]) => m === 'history').at(-1)?.[1]).toEqual(['s1', { beforeSeq: 391, limit: 50 }]);
    });
  });
});
