import { ComponentHarness } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatButtonToggleHarness } from '@angular/material/button-toggle/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatProgressSpinnerHarness } from '@angular/material/progress-spinner/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';

/** The Transfer chat dialog (`sb-transfer-dialog`, R5 / R6 / R7): to an agent or a support queue, with a side note. */
export class TransferDialogHarness extends ComponentHarness {
  static hostSelector = 'sb-transfer-dialog';

  private readonly spinner = this.locatorForOptional(MatProgressSpinnerHarness);
  private readonly toAgent = this.locatorFor(MatButtonToggleHarness.with({ text: /An agent$/ }));
  private readonly toQueue = this.locatorFor(MatButtonToggleHarness.with({ text: /A support queue$/ }));
  private readonly agentGroup = this.locatorForOptional(MatRadioGroupHarness.with({ name: 'agent' }));
  private readonly queueGroup = this.locatorForOptional(MatRadioGroupHarness.with({ name: 'queue' }));
  private readonly note = this.locatorFor(MatInputHarness.with({ selector: '[name="note"]' }));
  private readonly transferButton = this.locatorFor(MatButtonHarness.with({ text: /Transfer$/ }));
  private readonly cancelButton = this.locatorFor(MatButtonHarness.with({ text: 'Cancel' }));
  private readonly notices = this.locatorForAll('.sb-hint, .sb-empty p');
  private readonly error = this.locatorForOptional('[role="alert"]');

  /** True while the eligible agents and queues are being asked for. */
  async isLoading(): Promise<boolean> {
    return !!(await this.spinner());
  }

  /** The online agents offered (their names). */
  async getAgents(): Promise<string[]> {
    return this.labelsOf(await this.agentGroup());
  }

  /** The support queues offered (after choosing "A support queue"). */
  async getQueues(): Promise<string[]> {
    return this.labelsOf(await this.queueGroup());
  }

  /** Whether "A support queue" can be chosen (Support Queues and Use Topics on, R6). */
  async canTransferToQueue(): Promise<boolean> {
    return !(await (await this.toQueue()).isDisabled());
  }

  async chooseAgent(name: string | RegExp): Promise<void> {
    await (await this.toAgent()).check();
    const group = await this.agentGroup();
    if (!group) throw new Error('TransferDialogHarness: no agent to choose');
    return group.checkRadioButton({ label: name });
  }

  async chooseQueue(queue: string | RegExp): Promise<void> {
    await (await this.toQueue()).check();
    const group = await this.queueGroup();
    if (!group) throw new Error('TransferDialogHarness: no queue to choose');
    return group.checkRadioButton({ label: queue });
  }

  async setNote(text: string): Promise<void> {
    return (await this.note()).setValue(text);
  }

  /** Whether Transfer can be pressed (a target is chosen and nothing is being sent). */
  async canTransfer(): Promise<boolean> {
    return !(await (await this.transferButton()).isDisabled());
  }

  async transfer(): Promise<void> {
    return (await this.transferButton()).click();
  }

  async cancel(): Promise<void> {
    return (await this.cancelButton()).click();
  }

  /** The dialog's explanations: why no agent or no queue can be offered. */
  async getNotices(): Promise<string[]> {
    return Promise.all((await this.notices()).map((notice) => notice.text()));
  }

  /** The refusal in words, or null. */
  async getError(): Promise<string | null> {
    return (await this.error())?.text({ exclude: 'mat-icon' }) ?? null;
  }

  private async labelsOf(group: MatRadioGroupHarness | null): Promise<string[]> {
    if (!group) return [];
    return Promise.all((await group.getRadioButtons()).map((radio) => radio.getLabelText()));
  }
}
