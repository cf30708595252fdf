import { TestBed } from '@angular/core/testing';
import { CommandError } from '@switchboard/client';
import type { Board, BoardChat, SessionEventFrame } from '@switchboard/contracts';
import { historyEvent, listItem, signedInAgent, byTestId } from '../../testing/agent-test-bed';
import { FakeClock, settle } from '../../testing/fake-clock';
import { ChatPane } from '../chat/chat-pane';
import { ConsolePage } from '../console/console-page';
import { AgentSocket } from '../session/agent-socket';
import { CONSOLE_CLOCK } from '../shared/console-clock';
import { elapsed } from './elapsed';
import { flagUpIn } from './help-toggle';
import { ALREADY_TAKEN_TEXT, SupervisionStore } from './supervision-store';

const minutesAgo = (clock: FakeClock, minutes: number) => new Date(clock.now() - minutes * 60_000).toISOString();

describe('supervisor views in the agent console (issue 16)', () => {
  jest.setTimeout(30_000);

  /** Alice signed in on a fake clock; `supervisor`: the gateway answers board.follow with `board`. */
  async function render(board?: (clock: FakeClock) => Board) {
    const clock = new FakeClock();
    const signedIn = await signedInAgent([{ provide: CONSOLE_CLOCK, useValue: clock }]);
    const { fake } = signedIn;
    const store = TestBed.inject(SupervisionStore);
    fake.replies['followBoard'] = () => (board ? board(clock) : new CommandError('NOT_SUPERVISOR', 'Only a supervisor has a board.'));
    await store.load(TestBed.inject(AgentSocket).client!);
    const fixture = TestBed.createComponent(ConsolePage);
    const { el, all } = byTestId(fixture);
    const shown = async () => {
      await settle();
      fixture.detectChanges();
      await fixture.whenStable();
    };
    const openBoard = async () => {
      el('tab-board')!.click();
      await shown();
    };
    await shown();
    return { ...signedIn, clock, store, fixture, el, all, shown, openBoard };
  }

  const chat = (sessionId: string, fields: Partial<BoardChat>): BoardChat => ({ sessionId, status: 'ASSIGNED', queue: 'Network', endUserName: 'Erin User', ...fields }) as BoardChat;
  const boardOf = (clock: FakeClock, over: { help?: boolean } = {}): Board => ({
    now: new Date(clock.now()).toISOString(),
    truncated: false,
    queues: [
      {
        queue: 'Network',
        waiting: [chat('w1', { status: 'QUEUED', endUserName: 'Walt Waiting', queuedAt: minutesAgo(clock, 3), priority: 2, offer: { agentId: 'bob', expiresAt: minutesAgo(clock, -1) } })],
        chats: [chat('s1', { ownerAgentId: 'bob', lastEndUserMessageAt: minutesAgo(clock, 2), lastAgentMessageAt: minutesAgo(clock, 5), ...(over.help ? { helpFlag: { agentId: 'bob', raisedAt: minutesAgo(clock, 1) } } : {}) })],
        agents: [{ agentId: 'bob', name: 'Bob Agent', presence: 'online', load: 1 }],
        totals: { waiting: 1, chats: 1, agents: 1, offers: 1, helpFlags: over.help ? 1 : 0 },
      },
    ],
  });

  it('issue 16: an agent who supervises no queue has no Board tab', async () => {
    const { el, store } = await render();
    expect(store.isSupervisor()).toBe(false);
    expect(el('tab-board')).toBeNull();
  });

  it('issue 16: a supervisor\'s Board tab shows a waiting chat with its wait and offer, a chat with both sides\' times, the agents, and counts on; a help flag shows in the badge and the list, live', async () => {
    const { el, all, openBoard, fake, clock, shown } = await render((c) => boardOf(c));
    expect(el('help-badge')?.textContent?.trim()).toBe('0');
    await openBoard();
    const waiting = all('board-waiting')[0]!;
    expect(waiting.textContent).toContain('Walt Waiting');
    expect(waiting.textContent).toContain('waits 3 min');
    expect(waiting.textContent).toContain('Urgent');
    expect(el('board-offer')?.textContent).toContain('Offered to Bob Agent');
    expect(all('board-times')[0]!.textContent).toMatch(/2 min.*5 min/s);
    expect(all('board-chat')[0]!.textContent).toContain('with Bob Agent');
    expect(all('board-agent')[0]!.textContent).toContain('Bob Agent');
    expect(all('board-agent')[0]!.getAttribute('data-presence')).toBe('online');

    // The wait counts on with the clock, without a new frame.
    await clock.advance(60_000);
    await shown();
    expect(el('board-wait')?.textContent).toContain('waits 4 min');

    // Live: the agent raises a flag; the gateway pushes the board again.
    fake.emit('board', boardOf(clock, { help: true }));
    await shown();
    expect(el('help-badge')?.textContent?.trim()).toBe('1');
    expect(el('help-alerts')?.textContent).toContain('Bob Agent');
    expect(el('board-help-flag')).not.toBeNull();
  });

  it('issue 16: a chat opened from the board shows read-only and live; a whisper goes to the agent; Take over opens it as the supervisor\'s', async () => {
    const { all, el, openBoard, fake, shown, chats } = await render((c) => boardOf(c, { help: true }));
    const session = { ...listItem('s1', { status: 'ASSIGNED', ownerAgentId: 'bob', version: 2 }), helpFlag: { agentId: 'bob', raisedAt: '2026-11-30T07:59:00.000Z' } };
    fake.replies['monitor'] = () => ({ session, events: [historyEvent(1, 'SessionStarted', { description: 'VPN drops', endUserName: 'Erin User', queue: 'Network' }), historyEvent(2, 'MessagePosted', { from: 'endUser', authorName: 'Erin User', text: 'The VPN drops every hour' })], hasOlder: false, lastSeq: 2 });
    await openBoard();
    all('board-chat')[0]!.click();
    await shown();
    expect(fake.calls.filter(([name]) => name === 'monitor')).toEqual([['monitor', ['s1']]]);
    expect(el('monitor-tag')?.textContent).toContain('read-only');
    expect(el('monitor-owner')?.textContent).toContain('Bob Agent');
    expect(el('monitor-help-flag')).not.toBeNull();
    expect(el('monitor-transcript')?.textContent).toContain('The VPN drops every hour');
    // Read-only: no reply box.
    expect(el('composer')).toBeNull();

    // Live: the agent answers.
    const frame: SessionEventFrame = { type: 'session.event', sessionId: 's1', seq: 3, prevSeq: 2, event: historyEvent(3, 'MessagePosted', { from: 'agent', authorName: 'Bob Agent', text: 'Restart the router' }), session: { ...session, version: 3 }, notices: [] };
    fake.emit('session.event', frame);
    await shown();
    expect(el('monitor-transcript')?.textContent).toContain('Restart the router');

    // A whisper.
    fake.replies['whisper'] = (_id: string, text: string) => ({ sessionId: 's1', seq: 4, duplicate: false, events: [historyEvent(4, 'WhisperAdded', { authorId: 'alice', authorName: 'Alice Agent', toAgentId: 'bob', text })] });
    const box = el('whisper-text') as HTMLTextAreaElement;
    box.value = 'Offer the loaner';
    box.dispatchEvent(new Event('input'));
    await shown();
    el('whisper-send')!.click();
    await shown();
    expect(fake.calls.filter(([name]) => name === 'whisper')).toEqual([['whisper', ['s1', 'Offer the loaner']]]);
    expect(el('monitor-transcript')?.textContent).toContain('Offer the loaner');

    // Take over: someone else was first.
    fake.replies['takeOver'] = () => new CommandError('ALREADY_TAKEN', 'The chat moved.');
    el('take-over')!.click();
    await shown();
    expect(el('monitor-error')?.textContent).toContain(ALREADY_TAKEN_TEXT);
    expect(el('monitor-pane')).not.toBeNull();

    // Take over: it is the supervisor's now, opened as an accepted chat.
    fake.replies['unmonitor'] = (sessionId: string) => ({ sessionId });
    fake.replies['takeOver'] = (sessionId: string, from: string) => ({
      session: { ...listItem(sessionId, { status: 'ASSIGNED', ownerAgentId: 'alice', version: 5 }), createdAt: '2026-11-30T07:50:00.000Z', history: [historyEvent(5, 'SessionTakenOver', { fromAgentId: from, agentId: 'alice', agentName: 'Alice Agent' })], hasOlder: true },
      customer: { endUserId: 'erin', company: { id: 'acme' }, assets: [], openTickets: [] },
      resources: { outages: [], responseTemplates: [], knowledgeArticles: [] },
      duplicate: false,
    });
    el('take-over')!.click();
    await shown();
    expect(fake.calls.filter(([name]) => name === 'takeOver').at(-1)).toEqual(['takeOver', ['s1', 'bob']]);
    expect(el('monitor-pane')).toBeNull();
    expect(chats.selectedId()).toBe('s1');
  });

  it('issue 16: Join (barge-in) from a monitored chat sends session.bargeIn and opens the chat as one the supervisor is in', async () => {
    const { all, el, openBoard, fake, shown, chats } = await render((c) => boardOf(c, { help: true }));
    const session = { ...listItem('s1', { status: 'ASSIGNED', ownerAgentId: 'bob', version: 2 }), helpFlag: { agentId: 'bob', raisedAt: '2026-11-30T07:59:00.000Z' } };
    fake.replies['monitor'] = () => ({ session, events: [historyEvent(1, 'SessionStarted', { description: 'VPN drops', endUserName: 'Erin User', queue: 'Network' })], hasOlder: false, lastSeq: 1 });
    fake.replies['unmonitor'] = (sessionId: string) => ({ sessionId });
    await openBoard();
    all('board-chat')[0]!.click();
    await shown();
    fake.replies['bargeIn'] = (sessionId: string) => ({
      session: { ...listItem(sessionId, { status: 'ASSIGNED', ownerAgentId: 'bob', version: 4 }), createdAt: '2026-11-30T07:50:00.000Z', history: [historyEvent(3, 'ParticipantJoined', { agentId: 'alice', agentName: 'Alice Agent', via: 'bargeIn' })], hasOlder: true },
      customer: { endUserId: 'erin', company: { id: 'acme' }, assets: [], openTickets: [] },
      resources: { outages: [], responseTemplates: [], knowledgeArticles: [] },
      duplicate: false,
    });
    el('barge-in')!.click();
    await shown();
    expect(fake.calls.filter(([name]) => name === 'bargeIn')).toEqual([['bargeIn', ['s1']]]);
    expect(fake.calls.filter(([name]) => name === 'unmonitor')).toEqual([['unmonitor', ['s1']]]);
    expect(el('monitor-pane')).toBeNull();
    expect(chats.selectedId()).toBe('s1');
  });

  it('issue 16: the owning agent is told when a supervisor whispers or takes the chat over', async () => {
    const { fake, alerts } = await render();
    const base = { type: 'session.event' as const, sessionId: 's1', prevSeq: 2, session: listItem('s1', { status: 'ASSIGNED', ownerAgentId: 'alice' }) };
    fake.emit('session.event', { ...base, seq: 3, event: historyEvent(3, 'WhisperAdded', { authorName: 'Sam Supervisor', text: 'Offer the loaner' }), notices: [{ code: 'WHISPER', text: 'Offer the loaner' }] });
    fake.emit('session.event', { ...base, seq: 4, event: historyEvent(4, 'SessionTakenOver', { agentName: 'Sam Supervisor' }), notices: [{ code: 'TAKEN_OVER', text: 'Sam Supervisor (supervisor) took this chat over.' }] });
    expect(alerts.map((a) => a.text)).toEqual(['Whisper from Sam Supervisor: Offer the loaner', 'Sam Supervisor (supervisor) took this chat over.']);
  });

  it('issue 16: the owning agent asks for help and lowers the flag from the chat pane', async () => {
    const signedIn = await signedInAgent();
    const { fake, showLists, chats } = signedIn;
    showLists({ myChats: [listItem('s1', { status: 'ASSIGNED', ownerAgentId: 'alice' })] });
    await chats.select('s1');
    const fixture = TestBed.createComponent(ChatPane);
    const { el } = byTestId(fixture);
    const shown = async () => {
      await settle();
      fixture.detectChanges();
      await fixture.whenStable();
    };
    await shown();
    expect(el('lower-help')).toBeNull();
    fake.replies['raiseHelp'] = () => ({ sessionId: 's1', seq: 3, duplicate: false, events: [] });
    el('ask-help')!.click();
    await shown();
    expect(fake.calls.filter(([n]) => n === 'raiseHelp')).toEqual([['raiseHelp', ['s1']]]);
    // The flag is the chat's: shown once the event says it is up.
    fake.emit('session.event', { type: 'session.event', sessionId: 's1', seq: 3, prevSeq: 2, event: historyEvent(3, 'HelpFlagRaised', { agentId: 'alice', agentName: 'Alice Agent', queue: 'Network' }), session: { ...listItem('s1', { status: 'ASSIGNED', ownerAgentId: 'alice', version: 3 }), helpFlag: { agentId: 'alice', raisedAt: '2026-11-30T08:00:00.000Z' } }, notices: [] });
    await shown();
    fake.replies['lowerHelp'] = () => ({ sessionId: 's1', seq: 4, duplicate: false, events: [] });
    el('lower-help')!.click();
    await shown();
    expect(fake.calls.filter(([n]) => n === 'lowerHelp')).toEqual([['lowerHelp', ['s1']]]);
  });

  it('issue 16: the help flag is up after HelpFlagRaised until it is lowered or the chat leaves its agent', () => {
    const of = (...types: string[]) => flagUpIn(types.map((type) => ({ type })));
    expect([of(), of('SessionAssigned', 'HelpFlagRaised'), of('HelpFlagRaised', 'MessagePosted'), of('HelpFlagRaised', 'HelpFlagLowered'), of('HelpFlagRaised', 'SessionTakenOver'), of('HelpFlagRaised', 'SessionReleased', 'SessionAssigned')]).toEqual([false, true, true, false, false, false]);
  });

  it('issue 16: spans on the board read as seconds, minutes, hours', () => {
    expect([elapsed(undefined), elapsed(12_400), elapsed(4 * 60_000 + 5), elapsed(65 * 60_000), elapsed(120 * 60_000)]).toEqual(['—', '12 s', '4 min', '1 h 5 min', '2 h']);
  });
});
