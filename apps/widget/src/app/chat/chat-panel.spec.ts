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

describe('ChatPanel', () => {
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
