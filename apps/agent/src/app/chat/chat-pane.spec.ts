import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { CommandError } from '@switchboard/client';
import { historyEvent, listItem, signedInAgent } from '../../testing/agent-test-bed';
import { ChatPaneHarness } from '../../testing/chat-pane-harness';
import { TransferDialogHarness } from '../../testing/transfer-dialog-harness';
import { ChatPane } from './chat-pane';

const ack = (events: unknown[] = []) => ({ sessionId: 's1', seq: 3, duplicate: false, events });

describe('ChatPane', () => {
  async function render() {
    const agent = await signedInAgent();
    const fixture = TestBed.createComponent(ChatPane);
    const pane = await TestbedHarnessEnvironment.harnessForFixture(fixture, ChatPaneHarness);
    const overlays = TestbedHarnessEnvironment.documentRootLoader(fixture);
    return { ...agent, fixture, pane, overlays };
  }

  /** Chat s1 in the agent's My Chats, opened. */
  async function ownChat() {
    const rendered = await render();
    rendered.showLists({ myChats: [listItem('s1', { status: 'ASSIGNED' })] });
    await rendered.chats.select('s1');
    return rendered;
  }

  it('without a selected chat says how to pick one', async () => {
    const { pane } = await render();
    expect(await pane.isEmpty()).toBe(true);
    expect(await pane.getTitle()).toBeNull();
  });

  it('R3 a waiting chat is shown with its history and Accept; once accepted it can be answered and has Chat Actions', async () => {
    const { pane, chats, fake, showLists } = await render();
    showLists({ queue: [listItem('s1')] });
    await chats.select('s1');

    expect(await pane.getTitle()).toBe('Erin User');
    expect(await pane.getStatus()).toBe('In queue');
    expect(await pane.getTranscriptText()).toEqual([
      'system: Chat started by Erin User in the Network queue',
      'message: VPN drops',
      'message: The VPN drops every hour',
    ]);
    const message = (await pane.getTranscript()).at(-1);
    expect([await message!.getAuthor(), await message!.isMine()]).toEqual(['Erin User', false]);
    expect([await pane.canAccept(), await pane.canWrite(), await pane.getActions()]).toEqual([true, false, []]);

    fake.replies['accept'] = () => {
      showLists({ myChats: [listItem('s1', { status: 'ASSIGNED', version: 2 })] });
      return {
        session: { ...listItem('s1', { status: 'ASSIGNED', version: 2 }), description: 'VPN drops', createdAt: '2026-11-24T10:00:00.000Z', history: [historyEvent(1, 'SessionStarted', { description: 'VPN drops', endUserName: 'Erin User', queue: 'Network' }), historyEvent(2, 'MessagePosted', { from: 'endUser', authorName: 'Erin User', text: 'The VPN drops every hour' })], hasOlder: false },
        customer: { endUserId: 'erin', company: { id: 'acme' }, assets: [], openTickets: [] },
        resources: { outages: [], responseTemplates: [], knowledgeArticles: [] },
        duplicate: false,
      };
    };
    await pane.accept();

    expect(fake.calls.filter(([m]) => m === 'accept').map(([, args]) => args)).toEqual([['s1']]);
    expect([await pane.getStatus(), await pane.canAccept(), await pane.canWrite()]).toEqual(['Assigned', false, true]);
    expect(await pane.getActions()).toEqual(['Transfer', 'Release', 'Create ticket', 'Request Control', 'End Chat', 'Abandon']);
  });

  it('R3.4 a refused command shows on the chat in words and as an alert', async () => {
    const { pane, chats, fake, showLists, alerts } = await render();
    showLists({ queue: [listItem('s1')] });
    await chats.select('s1');
    fake.replies['accept'] = () => new CommandError('ALREADY_TAKEN', 'taken');
    await pane.accept();

    expect(await pane.getError()).toBe('Another agent accepted this chat first.');
    expect(alerts.at(-1)).toEqual({ kind: 'error', text: 'Another agent accepted this chat first.', sessionId: 's1' });
    expect(await pane.canAccept()).toBe(true);
  });

  it('R13 the composer sends a reply, or a side note in side-note mode, and empties itself', async () => {
    const { pane, fake } = await ownChat();
    expect(await pane.canSend()).toBe(false);
    fake.replies['post'] = (_id: string, text: string) => ack([historyEvent(3, 'MessagePosted', { from: 'agent', authorName: 'Alice Agent', text })]);
    await pane.writeDraft('Let me check');
    await pane.send();
    fake.replies['sideNote'] = (_id: string, text: string) => ack([historyEvent(4, 'SideNoteAdded', { agentId: 'alice', agentName: 'Alice Agent', text })]);
    await pane.setMode('sideNote');
    await pane.writeDraft('Token looks fine');
    await pane.send();

    expect(fake.calls.filter(([m]) => m === 'post' || m === 'sideNote').map(([m, [, text]]) => [m, text])).toEqual([
      ['post', 'Let me check'],
      ['sideNote', 'Token looks fine'],
    ]);
    expect(await pane.getDraft()).toBe('');
    const lines = await pane.getTranscript();
    expect(await Promise.all(lines.slice(-2).map(async (line) => [await line.getKind(), await line.getText(), await line.isMine()]))).toEqual([
      ['message', 'Let me check', true],
      ['note', 'Token looks fine', false],
    ]);
  });

  it("a masked message or side note tells its author what was masked, and nobody else", async () => {
    const { pane, fake, chats, showLists } = await render();
    fake.replies['resume'] = () => ({
      session: listItem('s1', { status: 'ASSIGNED' }),
      events: [
        historyEvent(1, 'SessionStarted', { endUserId: 'erin', description: 'Card ****-****-****-1111', masked: ['card'], endUserName: 'Erin User', queue: 'Network' }),
        historyEvent(2, 'MessagePosted', { from: 'agent', authorId: 'alice', authorName: 'Alice Agent', text: 'Your card ****-****-****-1111', masked: ['card'] }),
        historyEvent(3, 'SideNoteAdded', { authorId: 'alice', authorName: 'Alice Agent', text: 'Employee E-*****', masked: ['pattern'] }),
        historyEvent(4, 'SideNoteAdded', { authorId: 'bob', authorName: 'Bob Agent', text: 'Employee E-*****', masked: ['pattern'] }),
        historyEvent(5, 'MessagePosted', { from: 'agent', authorId: 'alice', authorName: 'Alice Agent', text: 'Anything else?' }),
      ],
      hasOlder: false,
      lastSeq: 5,
    });
    showLists({ myChats: [listItem('s1', { status: 'ASSIGNED' })] });
    await chats.select('s1');

    const lines = (await pane.getTranscript()).slice(1);
    expect(await Promise.all(lines.map(async (line) => [await line.getAuthor(), await line.getMaskedNote()]))).toEqual([
      ['Erin User', null],
      ['Alice Agent', 'Card number masked'],
      ['Alice Agent', "Masked by your administrator's rules"],
      ['Bob Agent', null],
      ['Alice Agent', null],
    ]);
  });

  it('R5 Chat Actions > Transfer opens the transfer dialog for this chat', async () => {
    const { pane, fake, overlays } = await ownChat();
    fake.replies['transferTargets'] = () => ({ agents: [{ id: 'bob', name: 'Bob Agent' }], queues: [] });
    await pane.chooseAction('Transfer');

    const dialog = await overlays.getHarness(TransferDialogHarness);
    expect(await dialog.getAgents()).toEqual(['Bob Agent']);
    expect(fake.calls.filter(([m]) => m === 'transferTargets').map(([, args]) => args)).toEqual([['s1']]);
    await dialog.cancel();
  });

  it('Abandon asks first in the shared confirm dialog, and abandons only on its danger button', async () => {
    const { pane, fake, overlays } = await ownChat();
    const abandoned = new Promise<unknown[]>((resolve) => {
      fake.replies['abandon'] = (...args: unknown[]) => {
        resolve(args);
        return ack();
      };
    });
    await pane.chooseAction('Abandon');
    let confirm = await overlays.getHarness(MatDialogHarness);
    expect(await confirm.getTitleText()).toBe('Abandon chat?');
    await (await confirm.getHarness(MatButtonHarness.with({ text: 'Keep chat' }))).click();

    await pane.chooseAction('Abandon');
    confirm = await overlays.getHarness(MatDialogHarness);
    const abandon = await confirm.getHarness(MatButtonHarness.with({ text: 'Abandon' }));
    expect(await (await abandon.host()).hasClass('sb-danger')).toBe(true);
    await abandon.click();
    // The command is sent once the dialog has closed; Keep chat (closed before) called nothing.
    expect(await abandoned).toEqual(['s1']);
    expect(fake.calls.filter(([m]) => m === 'abandon')).toHaveLength(1);
  });
});
