import { TestBed } from '@angular/core/testing';
import { toObservable } from '@angular/core/rxjs-interop';
import { CommandError } from '@switchboard/client';
import { filter, firstValueFrom } from 'rxjs';
import { historyEvent as ev, listItem as item, signedInAgent } from '../../testing/agent-test-bed';
import { newestWithoutHole } from './chats-store';

describe('the chat stores (ChatsStore, ChatCommands, DraftsStore)', () => {
  let agent: Awaited<ReturnType<typeof signedInAgent>>;

  beforeEach(async () => {
    // The browser holds the agent's sign-in cookie: restore() signs in.
    agent = await signedInAgent();
  });

  it('R3.4 accept lost to another agent: the refusal keeps its code, the chat says so in words, and a later refresh does not hide it', async () => {
    agent.showLists({ queue: [item('s1')] });
    await agent.chats.select('s1');
    agent.fake.replies['accept'] = () => new CommandError('ALREADY_TAKEN', 'taken');
    const refusal = await agent.commands.accept('s1').catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'ALREADY_TAKEN' });
    agent.chats.refused('s1', refusal);
    expect(agent.chats.selected()?.error).toBe('Another agent accepted this chat first.');
    expect(agent.alerts.at(-1)).toEqual({ kind: 'error', text: 'Another agent accepted this chat first.', sessionId: 's1' });
    agent.fake.replies['resume'] = () => new CommandError('FORBIDDEN', 'not visible');
    // The store reads the chat again when it leaves the list: wait for the refusal to reach the selected chat.
    const gone = firstValueFrom(TestBed.runInInjectionContext(() => toObservable(agent.chats.selected)).pipe(filter((chat) => chat?.gone === true)));
    agent.fake.emit('lists.changed', { type: 'lists.changed', changes: [{ op: 'remove', list: 'queue', sessionId: 's1', version: 3 }] });
    await gone;
    expect(agent.chats.selected()).toMatchObject({ gone: true, error: 'Another agent accepted this chat first.' });
  });

  it('drafts are kept per chat while switching, cleared on send and restored when sending fails', async () => {
    agent.drafts.setDraft('a', 'half a reply to A');
    agent.drafts.setDraft('b', 'reply to B');
    await agent.chats.select('a');
    await agent.chats.select('b');
    expect([agent.drafts.draftOf('a'), agent.drafts.draftOf('b')]).toEqual(['half a reply to A', 'reply to B']);
    agent.drafts.insertIntoDraft('a', 'Template text');
    expect(agent.drafts.draftOf('a')).toBe('half a reply to A\nTemplate text');
    agent.fake.replies['post'] = () => new CommandError('USER_CANCELLED', 'cancelled');
    await expect(agent.commands.send('b')).rejects.toMatchObject({ code: 'USER_CANCELLED' });
    expect(agent.drafts.draftOf('b')).toBe('reply to B');
    agent.fake.replies['post'] = () => ({ sessionId: 'b', seq: 3, duplicate: false, events: [] });
    expect(await agent.commands.send('b')).toBe(true);
    expect(agent.drafts.draftOf('b')).toBe('');
  });

  it('R13 a draft sent as a side note goes out as one and shows in the history; a refusal keeps the draft', async () => {
    await agent.chats.select('s1');
    agent.drafts.setDraft('s1', 'checked the VPN token, it is fine');
    agent.fake.replies['sideNote'] = () => new CommandError('NOT_OWNER', 'not yours');
    await expect(agent.commands.send('s1', 'sideNote')).rejects.toMatchObject({ code: 'NOT_OWNER' });
    expect(agent.drafts.draftOf('s1')).toBe('checked the VPN token, it is fine');
    agent.fake.replies['sideNote'] = (_id: string, text: string) => ({
      sessionId: 's1', seq: 3, duplicate: false, events: [ev(3, 'SideNoteAdded', { agentId: 'alice', agentName: 'Alice Agent', text })],
    });
    expect(await agent.commands.send('s1', 'sideNote')).toBe(true);
    expect(agent.fake.calls.filter(([m]) => m === 'post')).toEqual([]);
    expect(agent.fake.calls.filter(([m]) => m === 'sideNote').at(-1)?.[1]).toEqual(['s1', 'checked the VPN token, it is fine']);
    expect(agent.drafts.draftOf('s1')).toBe('');
    expect(agent.chats.transcript().at(-1)).toMatchObject({ kind: 'note', text: 'checked the VPN token, it is fine' });
  });

  it('R3.3 a chat whose transfer events arrived first is loaded with its recent page (side notes and history of earlier agents)', async () => {
    agent.fake.emit('session.event', {
      type: 'session.event',
      sessionId: 's1',
      seq: 5,
      prevSeq: 4,
      event: ev(5, 'SideNoteAdded', { authorName: 'Alice Agent', text: 'Knows the VPN setup' }),
      session: item('s1', { status: 'PENDING_TRANSFER', version: 5 }),
      notices: [],
    });
    await agent.chats.select('s1');
    expect(agent.fake.calls.filter(([m]) => m === 'resume').map(([, args]) => args)).toEqual([['s1', 0]]);
    expect(agent.chats.transcript().map((l) => l.kind)).toEqual(['system', 'message', 'message', 'note']);
  });

  it('R11.2 R12 notices become alerts', () => {
    agent.fake.emit('session.event', {
      type: 'session.event',
      sessionId: 's1',
      seq: 3,
      prevSeq: 2,
      event: ev(3, 'UserCancelled'),
      session: item('s1', { status: 'ASSIGNED', cancelledByUser: true }),
      notices: [{ code: 'USER_CANCELLED', text: 'End user has cancelled chat.' }],
    });
    expect(agent.alerts).toEqual([{ kind: 'info', text: 'End user has cancelled chat.', sessionId: 's1' }]);
  });

  it('end-user inactivity (issue 15): a chat closed because the end user did not answer becomes an alert saying why; an ordinary end does not', () => {
    const closed = (seq: number, reason: string, text: string) =>
      agent.fake.emit('session.event', {
        type: 'session.event',
        sessionId: 's1',
        seq,
        prevSeq: seq - 1,
        event: { ...ev(seq, 'SessionClosed'), reason, previousStatus: 'ASSIGNED', agentId: 'alice', queue: 'General' },
        session: item('s1', { status: 'CLOSED' }),
        notices: [{ code: 'SESSION_ENDED', text }],
      });
    closed(3, 'agentEnded', 'The chat session has ended.');
    expect(agent.alerts).toEqual([]);
    closed(4, 'userInactive', 'Chat closed: the end user did not answer.');
    expect(agent.alerts).toEqual([{ kind: 'info', text: 'Chat closed: the end user did not answer.', sessionId: 's1' }]);
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
      agent.fake.replies['resume'] = (_id: string, after: number) => {
        const events = chat.filter((e) => e.seq > after).slice(-100);
        return { session: item('s1', { version: 120 }), events, hasOlder: events[0]!.seq > after + 1, lastSeq: 120 };
      };
      agent.fake.replies['history'] = (_id: string, p: { beforeSeq: number; limit: number }) => page(p.beforeSeq, p.limit);
    });

    it('opens with the most recent page, then loads the previous ones on demand down to the start', async () => {
      await agent.chats.select('s1');
      expect(agent.chats.selected()).toMatchObject({ hasOlder: true });
      expect(agent.chats.selected()!.events.map((e) => e.seq)).toEqual(chat.slice(20).map((e) => e.seq));
      await agent.chats.loadOlder('s1');
      expect(agent.fake.calls.filter(([m]) => m === 'history').map(([, a]) => a)).toEqual([['s1', { beforeSeq: 21, limit: 50 }]]);
      expect(agent.chats.selected()).toMatchObject({ hasOlder: false, loadingOlder: false });
      expect(agent.chats.selected()!.events.map((e) => e.seq)).toEqual(chat.map((e) => e.seq));
      expect(agent.chats.transcript()[0]).toMatchObject({ kind: 'system', text: 'Chat started by Erin User in the Network queue' });
      await agent.chats.loadOlder('s1'); // nothing older: no request
      expect(agent.fake.calls.filter(([m]) => m === 'history')).toHaveLength(1);
    });

    it('one older page at a time, however often the agent scrolls to the top', async () => {
      await agent.chats.select('s1');
      let answer!: () => void;
      const held = new Promise<void>((r) => (answer = r));
      agent.fake.replies['history'] = (_id: string, p: { beforeSeq: number; limit: number }) => held.then(() => page(p.beforeSeq, p.limit));
      const first = agent.chats.loadOlder('s1');
      expect(agent.chats.selected()?.loadingOlder).toBe(true);
      await agent.chats.loadOlder('s1');
      answer();
      await first;
      expect(agent.fake.calls.filter(([m]) => m === 'history')).toHaveLength(1);
    });

    it('R3.3 accept: the recent page, and the record says what the page does not reach (description, ticket)', async () => {
      agent.showLists({ queue: [item('s1')] });
      const recent = chat.slice(-50);
      agent.fake.replies['accept'] = () => ({
        session: { ...item('s1', { status: 'ASSIGNED', version: 120 }), description: 'VPN drops', createdAt: chat[0]!.at, ticket: { ticketId: 'T-9', summary: 'VPN', status: 'Open' }, history: recent, hasOlder: true },
        customer: { endUserId: 'erin', company: { id: 'acme' }, assets: [], openTickets: [] },
        resources: { outages: [], responseTemplates: [], knowledgeArticles: [] },
        duplicate: false,
      });
      await agent.commands.accept('s1');
      expect(agent.chats.selected()).toMatchObject({ hasOlder: true });
      expect(agent.chats.selected()!.events).toHaveLength(50);
      expect(agent.chats.facts()).toMatchObject({ description: 'VPN drops', ticket: { ticketId: 'T-9', status: 'Open' } });
    });

    it('R12 after a long disconnection only the recent page came back: what was held below it is dropped, older pages load again', async () => {
      await agent.chats.select('s1');
      await agent.chats.loadOlder('s1');
      agent.fake.emit('session.gap', { sessionId: 's1', firstSeq: 300 });
      expect(agent.chats.selected()).toMatchObject({ events: [], hasOlder: true });
    });
  });
});
