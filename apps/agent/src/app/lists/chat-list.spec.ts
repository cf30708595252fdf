import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { ListItem } from '@switchboard/contracts';
import { listItem, signedInAgent } from '../../testing/agent-test-bed';
import { ChatListHarness } from '../../testing/chat-list-harness';
import { ChatList } from './chat-list';

describe('ChatList', () => {
  async function render(items: ListItem[], inputs: Record<string, unknown> = {}) {
    const agent = await signedInAgent();
    const fixture = TestBed.createComponent(ChatList);
    fixture.componentRef.setInput('items', items);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    const list = await TestbedHarnessEnvironment.harnessForFixture(fixture, ChatListHarness);
    return { ...agent, fixture, list };
  }

  it('shows each chat with its end user, description and tags (topic, queue, cancelled, draft)', async () => {
    const { list, drafts } = await render(
      [
        listItem('q1', { topic: 'vpn' }),
        listItem('q2', { endUserName: 'Frank User', description: 'Locked out', queue: 'General', cancelledByUser: true }),
      ],
      { label: 'Queue' },
    );
    drafts.setDraft('q1', 'Have you tried');

    expect(await list.getLabel()).toBe('Queue');
    expect(await list.getNames()).toEqual(['Erin User', 'Frank User']);
    const [erin, frank] = await list.getItems();
    expect(await erin!.getDescription()).toBe('VPN drops');
    expect(await erin!.getTags()).toEqual(['VPN', 'Network', 'Draft']);
    expect(await frank!.getTags()).toEqual(['General', 'Cancelled']);
    expect(await list.getEmptyText()).toBeNull();
  });

  it('says what an empty list means, and counts the rows the gateway left out (issue 12)', async () => {
    const { list, fixture } = await render([], { emptyText: 'No chats waiting.' });
    expect(await list.getEmptyText()).toBe('No chats waiting.');
    expect(await list.getMoreText()).toBeNull();

    fixture.componentRef.setInput('items', [listItem('q1')]);
    fixture.componentRef.setInput('more', 3);
    expect(await list.getEmptyText()).toBeNull();
    expect(await list.getMoreText()).toBe('3 more waiting');
  });

  it('opens a chat by click or by Enter, and marks it selected', async () => {
    const { list, chats, fake } = await render([listItem('s1'), listItem('s2', { endUserName: 'Frank User' })]);
    const [frank] = await list.getItems({ name: 'Frank User' });
    await frank!.select();
    expect(chats.selectedId()).toBe('s2');
    expect(await frank!.isSelected()).toBe(true);

    const [erin] = await list.getItems({ name: /^Erin/ });
    await erin!.selectWithKeyboard();
    expect(chats.selectedId()).toBe('s1');
    expect([await erin!.isSelected(), await frank!.isSelected()]).toEqual([true, false]);
    expect(fake.calls.filter(([m]) => m === 'resume').map(([, args]) => args[0])).toEqual(['s2', 's1']);
  });
});
