import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAX_HOLIDAYS, MAX_MAX_WAIT_SECONDS, MAX_OPENING_INTERVALS_PER_DAY, type OpeningHours, type QueueUpdate, type QueueView } from '@switchboard/contracts';
import { DialogField } from '../shared/form-dialog/dialog-field';

/** The days of the week as the schedule numbers them (ISO: 1 is Monday). */
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const INTERVAL = String.raw`\d{2}:\d{2}\s*-\s*\d{2}:\d{2}`;
/** A day's hours as typed: `09:00-12:00, 13:00-17:00`, or empty (closed that day). */
const DAY_PATTERN = new RegExp(String.raw`^\s*(?:${INTERVAL}(?:\s*,\s*${INTERVAL}){0,${MAX_OPENING_INTERVALS_PER_DAY - 1}})?\s*$`);

function dayText(hours: OpeningHours | undefined, day: number): string {
  return (hours?.weekly ?? [])
    .filter((i) => i.day === day)
    .map((i) => `${i.from}-${i.to}`)
    .join(', ');
}

function holidayList(text: string): string[] {
  return text.split(/[\s,]+/).filter((d) => d !== '');
}

function holidaysValid(control: AbstractControl<string>): ValidationErrors | null {
  const dates = holidayList(control.value);
  if (dates.length > MAX_HOLIDAYS) return { maxlength: { requiredLength: MAX_HOLIDAYS } };
  return dates.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)) ? null : { pattern: true };
}

/** Issue 15: the queue dialog's opening hours and maximum wait, a group of its form. */
export function queueHoursGroup(queue: QueueView | undefined) {
  const hours = queue?.openingHours;
  return new FormGroup({
    maxWaitSeconds: new FormControl(queue?.maxWaitSeconds ?? 0, { nonNullable: true, validators: [Validators.required, Validators.min(0), Validators.max(MAX_MAX_WAIT_SECONDS), Validators.pattern(/^\d+$/)] }),
    overflowQueue: new FormControl(queue?.overflowQueue ?? '', { nonNullable: true, validators: [Validators.maxLength(64)] }),
    hoursOn: new FormControl(hours !== undefined, { nonNullable: true }),
    timeZone: new FormControl(hours?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, { nonNullable: true, validators: [Validators.required, Validators.maxLength(64)] }),
    days: new FormGroup(Object.fromEntries(WEEKDAYS.map((_, i) => [String(i + 1), new FormControl(dayText(hours, i + 1), { nonNullable: true, validators: [Validators.pattern(DAY_PATTERN)] })])) as Record<string, FormControl<string>>),
    holidays: new FormControl((hours?.holidays ?? []).join(', '), { nonNullable: true, validators: [holidaysValid] }),
  });
}
export type QueueHoursGroup = ReturnType<typeof queueHoursGroup>;

/** The schedule the form describes. */
export function openingHoursOf(value: ReturnType<QueueHoursGroup['getRawValue']>): OpeningHours {
  const weekly = WEEKDAYS.flatMap((_, i) =>
    (value.days[String(i + 1)] ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => {
        const [from, to] = part.split('-').map((t) => t.trim());
        return { day: i + 1, from: from!, to: to! };
      }),
  );
  return { timeZone: value.timeZone.trim(), weekly, holidays: holidayList(value.holidays) };
}

/**
 * What the form changes of the queue's issue-15 settings (all of them for a
 * new queue, only what differs for an existing one; `openingHours: null`
 * when they were turned off).
 */
export function queueHoursChanges(group: QueueHoursGroup, queue: QueueView | undefined): Pick<QueueUpdate, 'openingHours' | 'maxWaitSeconds' | 'overflowQueue'> {
  const value = group.getRawValue();
  const out: Pick<QueueUpdate, 'openingHours' | 'maxWaitSeconds' | 'overflowQueue'> = {};
  const maxWait = Number(value.maxWaitSeconds);
  if (maxWait !== (queue?.maxWaitSeconds ?? 0)) out.maxWaitSeconds = maxWait;
  const overflow = value.overflowQueue.trim();
  if (overflow !== (queue?.overflowQueue ?? '')) out.overflowQueue = overflow;
  if (value.hoursOn) {
    const hours = openingHoursOf(value);
    if (JSON.stringify(hours) !== JSON.stringify(queue?.openingHours)) out.openingHours = hours;
  } else if (queue?.openingHours !== undefined) {
    out.openingHours = null;
  }
  return out;
}

/** Issue 15: opening hours (a weekly schedule in a time zone, holidays) and maximum wait with its overflow queue. */
@Component({
  selector: 'sb-queue-hours',
  imports: [DialogField, MatCheckboxModule, ReactiveFormsModule],
  template: `
    <div [formGroup]="group()">
      <sb-field
        field="maxWaitSeconds"
        label="Maximum wait (seconds)"
        errorLabel="The maximum wait"
        type="number"
        min="0"
        [max]="maxWait"
        step="1"
        patternHint="Enter a whole number of seconds."
        hint="A chat no agent took within this time overflows, or its end user may leave a message or keep waiting. 0 turns it off."
      />
      <sb-field field="overflowQueue" label="Overflow queue" maxlength="64" hint="Where a chat goes after the maximum wait (once). Empty: the end user chooses." />
      <mat-checkbox formControlName="hoursOn">Opening hours (outside them end users can only leave a message)</mat-checkbox>
      @if (group().controls.hoursOn.value) {
        <sb-field field="timeZone" label="Time zone" maxlength="64" required hint="An IANA name, such as Europe/Berlin." />
        <div formGroupName="days">
          @for (day of weekdays; track day; let i = $index) {
            <sb-field [field]="'' + (i + 1)" [label]="day" patternHint="Times as 09:00-12:00, 13:00-17:00 (at most 4); empty: closed." hint="e.g. 09:00-17:00; empty: closed" />
          }
        </div>
        <sb-field field="holidays" label="Holidays" rows="2" patternHint="Dates as 2026-12-25, separated by commas." hint="Closed all day, e.g. 2026-12-25, 2026-12-26" />
      }
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QueueHours {
  readonly group = input.required<QueueHoursGroup>();
  protected readonly weekdays = WEEKDAYS;
  protected readonly maxWait = MAX_MAX_WAIT_SECONDS;
}
