import { TestBed } from '@angular/core/testing';
import { historyEvent, listItem, signedInAgent } from '../../testing/agent-test-bed';
import { ChatPane } from './chat-pane';

describe('ChatPane: typing and receipts (issue 17)', () => {
  async function ownChatWithReply() {
    const agent = await signedInAgent();
    agent.fake.replies['resume'] = () => ({
      session: listItem('s1', { status: 'ASSIGNED' }),
      events: [
        historyEvent(1, 'SessionStarted', { description: 'VPN drops', endUserName: 'Erin User', queue: 'Network' }),
        historyEvent(2, 'MessagePosted', { from: 'endUser', authorName: 'Erin User', text: 'The VPN drops every hour' }),
        historyEvent(3, 'MessagePosted', { from: 'agent', authorId: 'alice', authorName: 'Alice Agent', text: 'Restart it, please' }),
      ],
      hasOlder: false,
      lastSeq: 3,
      receipts: { endUser: { delivered: 3, seen: 2 }, agent: { delivered: 3, seen: 3 } },
    });
    agent.showLists({ myChats: [listItem('s1', { status: 'ASSIGNED' })] });
    const fixture = TestBed.createComponent(ChatPane);
    await agent.chats.select('s1');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const refresh = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
    };
    return { ...agent, el, refresh };
  }

  it('receipts: the agent\'s lines show delivered, then seen, by the end user\'s marks; the lines on screen are marked seen', async () => {
    const { fake, el, refresh } = await ownChatWithReply();
    const marks = () => [...el.querySelectorAll('[data-testid="receipt"]')].map((r) => r.getAttribute('data-receipt'));
    expect(marks()).toEqual(['delivered']);
    fake.emit('session.receipts', { sessionId: 's1', receipts: { endUser: { delivered: 3, seen: 3 }, agent: { delivered: 3, seen: 3 } } });
    await refresh();
    expect(marks()).toEqual(['seen']);
    await refresh();
    expect(fake.seen).toContainEqual(['s1', 3]);
  });

  it('typing: the end user\'s typing shows until their line arrives; the agent\'s replies are sent as typing', async () => {
    const { fake, el, refresh } = await ownChatWithReply();
    fake.emit('session.typing', { type: 'session.typing', sessionId: 's1', from: 'endUser' });
    await refresh();
    expect(el.querySelector('[data-testid="typing"]')?.textContent).toContain('Erin User is typing');
    fake.emit('session.event', {
      type: 'session.event',
      sessionId: 's1',
      seq: 4,
      prevSeq: 3,
      event: historyEvent(4, 'MessagePosted', { from: 'endUser', authorName: 'Erin User', text: 'Done' }),
      session: listItem('s1', { status: 'ASSIGNED', version: 4 }),
      notices: [],
    });
    await refresh();
    expect(el.querySelector('[data-testid="typing"]')).toBeNull();
    const composer = el.querySelector<HTMLTextAreaElement>('[data-testid="composer"]')!;
    composer.value = 'O';
    composer.dispatchEvent(new Event('input'));
    expect(fake.typed).toEqual(['s1']);
  });
});
