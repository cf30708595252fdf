import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { CommandError } from '@switchboard/client';
import { signedInAgent } from '../../testing/agent-test-bed';
import { TransferDialogHarness } from '../../testing/transfer-dialog-harness';
import { TransferDialog } from './transfer-dialog';

const ack = { sessionId: 's1', seq: 3, duplicate: false, events: [] };

describe('TransferDialog', () => {
  async function render(targets: () => unknown) {
    const close = jest.fn();
    const agent = await signedInAgent([
      { provide: MAT_DIALOG_DATA, useValue: { sessionId: 's1' } },
      { provide: MatDialogRef, useValue: { close, _closeInteractionType: undefined } },
    ]);
    agent.fake.replies['transferTargets'] = targets;
    const fixture = TestBed.createComponent(TransferDialog);
    const dialog = await TestbedHarnessEnvironment.harnessForFixture(fixture, TransferDialogHarness);
    return { ...agent, close, dialog };
  }

  it('R5 R6 offers the eligible online agents; Transfer sends the chosen one with the side note and closes', async () => {
    const { dialog, fake, close } = await render(() => ({ agents: [{ id: 'bob', name: 'Bob Agent' }, { id: 'carol', name: 'Carol Agent' }], queues: [] }));
    expect(await dialog.isLoading()).toBe(false);
    expect(await dialog.getAgents()).toEqual(['Bob Agent', 'Carol Agent']);
    expect(await dialog.canTransfer()).toBe(false);

    fake.replies['transferToAgent'] = () => ack;
    await dialog.chooseAgent('Carol Agent');
    await dialog.setNote('  Knows the VPN setup  ');
    expect(await dialog.canTransfer()).toBe(true);
    await dialog.transfer();

    expect(fake.calls.filter(([m]) => m === 'transferToAgent').map(([, args]) => args)).toEqual([['s1', 'carol', 'Knows the VPN setup']]);
    expect(close).toHaveBeenCalledWith(true);
  });

  it('R7 a support queue can be chosen only when the gateway offers queues, and the chat goes there', async () => {
    const without = await render(() => ({ agents: [], queues: [] }));
    expect(await without.dialog.canTransferToQueue()).toBe(false);
    expect(await without.dialog.getNotices()).toEqual([
      'Transfers to a support queue need Support Queues and Use Topics to be on.',
      'No other agent who can take this chat is online right now.',
    ]);
    TestBed.resetTestingModule();

    const { dialog, fake, close } = await render(() => ({ agents: [], queues: [{ id: 'Network' }, { id: 'Printing' }] }));
    expect(await dialog.canTransferToQueue()).toBe(true);
    fake.replies['transferToQueue'] = () => ack;
    await dialog.chooseQueue('Printing');
    expect(await dialog.getQueues()).toEqual(['Network', 'Printing']);
    await dialog.transfer();
    expect(fake.calls.filter(([m]) => m === 'transferToQueue').map(([, args]) => args)).toEqual([['s1', 'Printing', undefined]]);
    expect(close).toHaveBeenCalledWith(true);
  });

  it('a refusal stays in the dialog in words, and Cancel closes without transferring', async () => {
    const { dialog, fake, close } = await render(() => ({ agents: [{ id: 'bob', name: 'Bob Agent' }], queues: [] }));
    fake.replies['transferToAgent'] = () => new CommandError('NOT_OWNER', 'not yours');
    await dialog.chooseAgent('Bob Agent');
    await dialog.transfer();
    expect(await dialog.getError()).toBe('Only the agent who has this chat can do that.');
    expect(close).not.toHaveBeenCalled();

    await dialog.cancel();
    expect(close).toHaveBeenCalledTimes(1);
    expect(close.mock.calls[0]).not.toContain(true);
  });

  it('says why the agents could not be read', async () => {
    const { dialog } = await render(() => new CommandError('RATE_LIMITED', 'slow down'));
    expect(await dialog.isLoading()).toBe(false);
    expect(await dialog.getError()).toBe('You are going a little fast. Please wait a moment and try again.');
  });
});
