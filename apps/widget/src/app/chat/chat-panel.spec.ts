import { TestBed } from '@angular/core/testing';
import type { SessionDetail } from '@switchboard/contracts';
import { FakeClient, FakeGateway, hello } from '@switchboard/chat-ui/testing';
import { CLIENT_FACTORY, CONSOLE_SESSION, WIDGET_SESSION } from '../session/client-factory';
import { WidgetStore } from '../session/widget-store';
import { ChatPanel } from './chat-panel';

const at = '2026-11-24T10:00:00.000Z';
const chat: SessionDetail = {
  sessionId: 's1',
  version: 5,
  status: 'ASSIGNED',
  queue: 'Network',
  companyId: 'acme',
  endUserId: 'erin',
  ownerAgentId: 'alice',
  cancelledByUser: false,
  userLeft: false,
  description: 'Card ****-****-****-1111',
  createdAt: at,
  history: [
    { seq: 1, type: 'SessionStarted', at, sessionId: 's1', endUserId: 'erin', description: 'Card ****-****-****-1111', masked: ['card'], endUserName: 'Erin User' },
    { seq: 2, type: 'SessionAssigned', at, sessionId: 's1', agentName: 'Alice Agent', via: 'accept' },
    { seq: 3, type: 'MessagePosted', at, sessionId: 's1', from: 'endUser', authorId: 'erin', text: 'Employee E-*****', masked: ['pattern'] },
    { seq: 4, type: 'MessagePosted', at, sessionId: 's1', from: 'agent', authorId: 'alice', authorName: 'Alice Agent', text: 'Card ****-****-****-1111?', masked: ['card'] },
    { seq: 5, type: 'MessagePosted', at, sessionId: 's1', from: 'endUser', authorId: 'erin', text: 'Yes' },
  ],
  hasOlder: false,
};

/** The panel on a chat the gateway answers as `current` (the end user's open chat after connecting). */
async function panelOn(current: SessionDetail) {
  const gateway = new FakeGateway().signedIn({ id: 'erin', role: 'endUser', name: 'Erin User' });
  const fake = new FakeClient();
  fake.replies = {
    connect: () => hello('erin', 'endUser', 'Erin User'),
    topics: () => ({ useTopics: true, topics: [] }),
    currentSession: () => current,
    post: () => ({ events: [{ seq: current.version + 1, type: 'MessagePosted', at, sessionId: current.sessionId, from: 'endUser', authorId: 'erin', text: "I'm still here" }] }),
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
  return { fixture, fake, el: fixture.nativeElement as HTMLElement };
}

const closesAt = '2026-11-24T10:05:00.000Z';
const warned = { seq: 6, type: 'UserInactivityWarned', at, sessionId: 's1', closesAt };

describe('ChatPanel', () => {
  it('end-user inactivity (issue 15): "Are you still there?" shows with the close time; I\'m still here answers and the question goes', async () => {
    const { fixture, fake, el } = await panelOn({ ...chat, version: 6, history: [...chat.history, warned] });
    const banner = el.querySelector('[data-testid="still-there"]');
    expect(banner?.textContent).toContain('Are you still there?');
    expect(banner?.textContent).toContain('unless you reply');
    expect([...el.querySelectorAll('.sb-system')].map((l) => l.textContent?.trim())).toContain('Are you still there? Reply to keep the chat open.');
    (el.querySelector('[data-testid="still-here"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(fake.calls.filter(([name]) => name === 'post').map(([, args]) => args[1])).toEqual(["I'm still here"]);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="still-there"]')).toBeNull();
  }, 30_000);

  it('end-user inactivity (issue 15): a chat closed for inactivity says so, and offers a new chat', async () => {
    const closed = { seq: 7, type: 'SessionClosed', at: closesAt, sessionId: 's1', reason: 'userInactive', previousStatus: 'ASSIGNED', agentId: 'alice', queue: 'Network' };
    const { el } = await panelOn({ ...chat, version: 7, status: 'CLOSED', history: [...chat.history, warned, closed] });
    expect(el.querySelector('[data-testid="status-title"]')?.textContent).toBe('Chat closed');
    expect(el.querySelector('[data-testid="status-text"]')?.textContent).toContain('We did not hear from you for a while');
    expect(el.querySelector('[data-testid="still-there"]')).toBeNull();
    expect(el.querySelector('[data-testid="new-chat"]')).not.toBeNull();
    expect([...el.querySelectorAll('.sb-system')].map((l) => l.textContent?.trim())).toContain('The chat was closed because we did not hear from you');
  });

  it('R12 end user leaves: a chat closed after the end user left says so', async () => {
    const closed = { seq: 6, type: 'SessionClosed', at: closesAt, sessionId: 's1', reason: 'userLeft', previousStatus: 'ASSIGNED', agentId: 'alice', queue: 'Network' };
    const { el } = await panelOn({ ...chat, version: 6, status: 'CLOSED', history: [...chat.history, closed] });
    expect(el.querySelector('[data-testid="status-text"]')?.textContent).toContain('You left, so the chat was closed.');
  });

  it('tells the end user what was masked under their own lines only', async () => {
    const gateway = new FakeGateway().signedIn({ id: 'erin', role: 'endUser', name: 'Erin User' });
    const fake = new FakeClient();
    fake.replies = {
      connect: () => hello('erin', 'endUser', 'Erin User'),
      topics: () => ({ useTopics: true, topics: [] }),
      currentSession: () => chat,
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

    const messages = [...(fixture.nativeElement as HTMLElement).querySelectorAll('.sb-msg')];
    const shown = messages.map((message) => [
      message.querySelector('.sb-text')?.textContent?.trim(),
      message.querySelector('[data-testid="masked-note"]')?.textContent?.replace('visibility_off', '').trim() ?? null,
    ]);
    expect(shown).toEqual([
      ['Card ****-****-****-1111', 'Card number masked'],
      ['Employee E-*****', "Masked by your administrator's rules"],
      ['Card ****-****-****-1111?', null],
      ['Yes', null],
    ]);
  });
});
