import { TestBed } from '@angular/core/testing';
import type { CommandAck, SessionDetail } from '@switchboard/contracts';
import { FakeClient, FakeGateway, hello } from '@switchboard/chat-ui/testing';
import { CLIENT_FACTORY, CONSOLE_SESSION, WIDGET_SESSION } from '../session/client-factory';
import { WidgetStore } from '../session/widget-store';
import { ChatPanel } from './chat-panel';

const at = '2026-11-24T10:00:00.000Z';
const chat: SessionDetail = {
  sessionId: 's1',
  version: 4,
  status: 'ASSIGNED',
  queue: 'Network',
  companyId: 'acme',
  endUserId: 'erin',
  ownerAgentId: 'alice',
  cancelledByUser: false,
  userLeft: false,
  description: 'VPN',
  createdAt: at,
  history: [
    { seq: 1, type: 'SessionStarted', at, sessionId: 's1', endUserId: 'erin', description: 'VPN' },
    { seq: 2, type: 'SessionAssigned', at, sessionId: 's1', agentName: 'Alice Agent', via: 'accept' },
    { seq: 3, type: 'MessagePosted', at, sessionId: 's1', from: 'endUser', authorId: 'erin', text: 'first' },
    { seq: 4, type: 'MessagePosted', at, sessionId: 's1', from: 'endUser', authorId: 'erin', text: 'second' },
  ],
  hasOlder: false,
};

async function panel(session: SessionDetail = chat) {
  const gateway = new FakeGateway().signedIn({ id: 'erin', role: 'endUser', name: 'Erin User' });
  const fake = new FakeClient();
  fake.replies = {
    connect: () => hello('erin', 'endUser', 'Erin User'),
    topics: () => ({ useTopics: true, topics: [] }),
    currentSession: () => session,
  };
  TestBed.configureTestingModule({
    providers: [
      { provide: CLIENT_FACTORY, useValue: () => fake.asClient() },
      { provide: CONSOLE_SESSION, useFactory: () => gateway.session(WIDGET_SESSION) },
    ],
  });
  await TestBed.inject(WidgetStore).restore();
  const fixture = TestBed.createComponent(ChatPanel);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const refresh = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };
  return { fake, el, refresh };
}

describe('ChatPanel: typing, receipts and rating (issue 17)', () => {
  afterEach(() => jest.useRealTimers());

  it('receipts: the end user\'s lines show sent, delivered and seen by the agent\'s marks; what is on screen is marked seen', async () => {
    const { fake, el, refresh } = await panel();
    const marks = () => [...el.querySelectorAll('[data-testid="receipt"]')].map((r) => r.getAttribute('data-receipt'));
    // The description (seq 1) and the two lines.
    expect(marks()).toEqual(['sent', 'sent', 'sent']);
    fake.emit('session.receipts', { sessionId: 's1', receipts: { endUser: { delivered: 4, seen: 4 }, agent: { delivered: 4, seen: 3 } } });
    await refresh();
    expect(marks()).toEqual(['seen', 'seen', 'delivered']);
    expect(fake.seen).toContainEqual(['s1', 4]);
  });

  it('typing: the agent\'s typing shows for a while and goes when their line arrives; the end user\'s typing is sent', async () => {
    const { fake, el, refresh } = await panel();
    fake.emit('session.typing', { type: 'session.typing', sessionId: 's1', from: 'agent' });
    await refresh();
    expect(el.querySelector('[data-testid="typing"]')?.textContent).toContain('Alice Agent is typing');
    fake.emit('session.event', {
      type: 'session.event',
      sessionId: 's1',
      seq: 5,
      prevSeq: 4,
      event: { seq: 5, type: 'MessagePosted', at, sessionId: 's1', from: 'agent', authorId: 'alice', text: 'hello' },
      session: chat,
      notices: [],
    });
    await refresh();
    expect(el.querySelector('[data-testid="typing"]')).toBeNull();
    const composer = el.querySelector<HTMLTextAreaElement>('[data-testid="composer"]')!;
    composer.value = 'h';
    composer.dispatchEvent(new Event('input'));
    expect(fake.typed).toEqual(['s1']);
  });

  it('satisfaction: an ended chat asks for a rating of 1 to 5 with an optional comment, and thanks once rated', async () => {
    const ended: SessionDetail = { ...chat, status: 'CLOSED', version: 5, history: [...chat.history, { seq: 5, type: 'SessionClosed', at, sessionId: 's1', reason: 'agentEnded', previousStatus: 'ASSIGNED', queue: 'Network' }] };
    const { fake, el, refresh } = await panel(ended);
    const ack: CommandAck = { sessionId: 's1', seq: 6, duplicate: false, events: [{ seq: 6, type: 'ChatRated', at, sessionId: 's1', score: 4, comment: 'Quick' }] };
    fake.replies['rate'] = () => ack;
    expect(el.querySelector('[data-testid="rating"]')).not.toBeNull();
    expect(el.querySelector<HTMLButtonElement>('[data-testid="rating-submit"]')!.disabled).toBe(true);
    el.querySelector<HTMLButtonElement>('[data-testid="star-4"]')!.click();
    const comment = el.querySelector<HTMLTextAreaElement>('[data-testid="rating-comment"]')!;
    comment.value = 'Quick';
    comment.dispatchEvent(new Event('input'));
    await refresh();
    expect(comment.maxLength).toBe(1000);
    el.querySelector<HTMLButtonElement>('[data-testid="rating-submit"]')!.click();
    // The answer comes back asynchronously: a few rounds of change detection.
    for (let i = 0; i < 5 && el.querySelector('[data-testid="rating"]'); i++) await refresh();
    expect(fake.calls).toContainEqual(['rate', ['s1', 4, 'Quick']]);
    expect(el.querySelector('[data-testid="rating"]')).toBeNull();
    expect(el.querySelector('[data-testid="rating-thanks"]')?.textContent).toContain('4 out of 5');
  });
});
