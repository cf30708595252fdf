import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAX_FIRST_REPLY_SECONDS, MAX_OFFER_SECONDS, MAX_USER_INACTIVITY_SECONDS, MAX_WRAP_UP_SECONDS, QUEUE_NAME_PATTERN, type QueueView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { DialogSubmission } from '../shared/dialog-submission';
import { DialogField } from '../shared/form-dialog/dialog-field';
import { FormDialog } from '../shared/form-dialog/form-dialog';
import { QueueHours, queueHoursChanges, queueHoursGroup } from './queue-hours';

/** Issue 15: each of a queue's end-user inactivity times, 0 (off) to a day. */
const inactivityValidators = [Validators.required, Validators.min(0), Validators.max(MAX_USER_INACTIVITY_SECONDS), Validators.pattern(/^\d+$/)];

/** Create a support queue, or change its description, first-reply limit, offer time, wrap-up and end-user inactivity. */
@Component({
  selector: 'sb-queue-dialog',
  imports: [DialogField, FormDialog, MatCheckboxModule, QueueHours, ReactiveFormsModule],
  template: `
    <form sbFormDialog [formGroup]="form" (ngSubmit)="save()" [submission]="submission"
      [heading]="queue ? 'Edit queue ' + queue.name : 'New support queue'" [saveLabel]="queue ? 'Save' : 'Create queue'">
      <sb-field field="name" label="Name" maxlength="64" required [patternHint]="nameHint" hint="Shown to agents and used by topics; it cannot be changed later." />
      <sb-field field="description" label="Description" rows="3" maxlength="500" />
      <sb-field
        field="firstReplySeconds"
        label="First reply limit (seconds)"
        errorLabel="The first reply limit"
        type="number"
        min="0"
        [max]="maxFirstReply"
        step="1"
        patternHint="Enter a whole number of seconds."
        hint="An assigned chat whose agent has not written within this time goes to another agent. 0 turns it off."
      />
      <sb-field
        field="offerSeconds"
        label="Offer time (seconds)"
        errorLabel="The offer time"
        type="number"
        min="0"
        [max]="maxOffer"
        step="1"
        patternHint="Enter a whole number of seconds."
        hint="With Agent Auto Accept on, each chat is offered to an agent who accepts or declines within this time. 0 assigns chats directly."
      />
      <sb-field
        field="wrapUpSeconds"
        label="Wrap-up time (seconds)"
        errorLabel="The wrap-up time"
        type="number"
        min="0"
        [max]="maxWrapUp"
        step="1"
        patternHint="Enter a whole number of seconds."
        hint="After ending a chat of this queue an agent gets no new chat for this long. 0: no wrap-up."
      />
      <mat-checkbox formControlName="dispositionRequired">Require a disposition code before the wrap-up ends</mat-checkbox>
      <sb-field
        field="userInactivityWarnSeconds"
        label="Ask the end user after (seconds)"
        errorLabel="The inactivity warning time"
        type="number"
        min="0"
        [max]="maxInactivity"
        step="1"
        patternHint="Enter a whole number of seconds."
        hint="An end user who leaves the agent's message unanswered this long is asked &quot;Are you still there?&quot;. 0 turns it off."
      />
      <sb-field
        field="userInactivityCloseSeconds"
        label="Close unanswered chats after (seconds)"
        errorLabel="The inactivity close time"
        type="number"
        min="0"
        [max]="maxInactivity"
        step="1"
        patternHint="Enter a whole number of seconds."
        hint="This long after that question (or, without it, after the agent's message) with no answer, the chat closes and the agent is free. 0 turns it off."
      />
      <sb-field
        field="userLeftCloseSeconds"
        label="Close chats of end users who left after (seconds)"
        errorLabel="The close time after leaving"
        type="number"
        min="0"
        [max]="maxInactivity"
        step="1"
        patternHint="Enter a whole number of seconds."
        hint="An end user who left the chat and is not back this long after has it closed. 0 turns it off."
      />
      <sb-queue-hours [group]="form.controls.hours" />
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QueueDialog {
  protected readonly queue = inject<{ queue?: QueueView }>(MAT_DIALOG_DATA).queue;
  private readonly api = inject(AdminApi);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [{ value: this.queue?.name ?? '', disabled: !!this.queue }, [Validators.required, Validators.pattern(QUEUE_NAME_PATTERN)]],
    description: [this.queue?.description ?? '', Validators.maxLength(500)],
    firstReplySeconds: [
      this.queue?.firstReplySeconds ?? 0,
      [Validators.required, Validators.min(0), Validators.max(MAX_FIRST_REPLY_SECONDS), Validators.pattern(/^\d+$/)],
    ],
    offerSeconds: [this.queue?.offerSeconds ?? 0, [Validators.required, Validators.min(0), Validators.max(MAX_OFFER_SECONDS), Validators.pattern(/^\d+$/)]],
    wrapUpSeconds: [this.queue?.wrapUpSeconds ?? 0, [Validators.required, Validators.min(0), Validators.max(MAX_WRAP_UP_SECONDS), Validators.pattern(/^\d+$/)]],
    dispositionRequired: [this.queue?.dispositionRequired ?? false],
    userInactivityWarnSeconds: [this.queue?.userInactivityWarnSeconds ?? 0, inactivityValidators],
    userInactivityCloseSeconds: [this.queue?.userInactivityCloseSeconds ?? 0, inactivityValidators],
    userLeftCloseSeconds: [this.queue?.userLeftCloseSeconds ?? 0, inactivityValidators],
    // Issue 15: opening hours and maximum wait.
    hours: queueHoursGroup(this.queue),
  });
  protected readonly maxInactivity = MAX_USER_INACTIVITY_SECONDS;
  protected readonly maxFirstReply = MAX_FIRST_REPLY_SECONDS;
  protected readonly maxOffer = MAX_OFFER_SECONDS;
  protected readonly maxWrapUp = MAX_WRAP_UP_SECONDS;
  protected readonly submission = new DialogSubmission<QueueView>(this.form);

  protected readonly nameHint = 'Use letters, digits, spaces, ".", "_" or "-", starting with a letter or digit.';

  protected save(): void {
    this.submission.submit(() => {
      const { name, description, firstReplySeconds: limit, offerSeconds: offer, wrapUpSeconds: wrapUp, dispositionRequired, userInactivityWarnSeconds, userInactivityCloseSeconds, userLeftCloseSeconds } =
        this.form.getRawValue();
      const policy = {
        firstReplySeconds: Number(limit),
        offerSeconds: Number(offer),
        wrapUpSeconds: Number(wrapUp),
        dispositionRequired,
        userInactivityWarnSeconds: Number(userInactivityWarnSeconds),
        userInactivityCloseSeconds: Number(userInactivityCloseSeconds),
        userLeftCloseSeconds: Number(userLeftCloseSeconds),
      };
      const hours = queueHoursChanges(this.form.controls.hours, this.queue);
      if (this.queue) return this.api.queues.update(this.queue.name, { description, ...policy, ...hours });
      const { openingHours, ...wait } = hours;
      return this.api.queues.create({ name: name.trim(), description, ...policy, ...wait, ...(openingHours ? { openingHours } : {}) });
    });
  }
}
