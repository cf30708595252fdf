import { booleanAttribute, ChangeDetectionStrategy, Component, inject, input, numberAttribute } from '@angular/core';
import { ControlContainer, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { fieldMessage } from '../server-errors';

/** A choice of a select field: a name as it is (queues), or a record's id shown by its name (companies). */
export type FieldOption = string | { id: string; name: string };

/**
 * One field of an admin form dialog: label, the input (a text area with
 * `rows`, a select with `options`), hint, and the message of its first
 * problem, the server's included. It binds `field` of the enclosing form
 * group, as `formControlName` would.
 *
 *     <sb-field field="title" label="Title" maxlength="200" required />
 *     <sb-field field="queue" label="Support queue" [options]="queues()" required hint="..." />
 */
@Component({
  selector: 'sb-field',
  imports: [MatFormFieldModule, MatInputModule, MatSelectModule, ReactiveFormsModule],
  // The control binds to the dialog's form group (or the row's group) around this element.
  viewProviders: [{ provide: ControlContainer, useFactory: () => inject(ControlContainer, { skipSelf: true }) }],
  template: `
    <mat-form-field>
      <mat-label>{{ label() }}</mat-label>
      @if (options(); as choices) {
        <mat-select [formControlName]="field()" [required]="required()" [multiple]="multiple()" [placeholder]="placeholder()">
          @for (choice of choices; track choice) {
            <mat-option [value]="value(choice)">{{ name(choice) }}</mat-option>
          }
        </mat-select>
      } @else if (rows(); as lines) {
        <textarea matInput [formControlName]="field()" [rows]="lines" [maxlength]="maxlength()" [required]="required()" [placeholder]="placeholder()"></textarea>
      } @else if (type() === 'number') {
        <!-- A literal type="number": the forms' number accessor hands the control numbers. -->
        <input matInput type="number" [formControlName]="field()" [attr.min]="min()" [attr.max]="max()" [attr.step]="step()" [required]="required()" />
      } @else {
        <input
          matInput
          [type]="type()"
          [formControlName]="field()"
          [class.sb-mono]="mono()"
          [maxlength]="maxlength()"
          [required]="required()"
          [placeholder]="placeholder()"
        />
      }
      @if (hint(); as text) {
        <mat-hint>{{ text }}</mat-hint>
      }
      <mat-error>{{ message() }}</mat-error>
    </mat-form-field>
  `,
  styles: ':host { display: block; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DialogField {
  /** The control's name in the enclosing form group. */
  readonly field = input.required<string>();
  readonly label = input.required<string>();
  /** How the messages name the field, where not by its label ("The cap is required."). */
  readonly errorLabel = input<string | null>(null);
  /** The message for a value that does not match the control's pattern. */
  readonly patternHint = input<string | undefined>(undefined);
  readonly hint = input<string | null>(null);
  readonly placeholder = input('');
  readonly type = input('text');
  readonly required = input(false, { transform: booleanAttribute });
  /** Code-like values (ids) in the monospaced face. */
  readonly mono = input(false, { transform: booleanAttribute });
  readonly maxlength = input<number | null, unknown>(null, { transform: optionalNumber });
  readonly min = input<number | null, unknown>(null, { transform: optionalNumber });
  readonly max = input<number | null, unknown>(null, { transform: optionalNumber });
  readonly step = input<number | null, unknown>(null, { transform: optionalNumber });
  /** A text area of this many lines instead of a one-line input. */
  readonly rows = input<number | null, unknown>(null, { transform: optionalNumber });
  /** A select of these choices instead of a text input. */
  readonly options = input<readonly FieldOption[] | null>(null);
  readonly multiple = input(false, { transform: booleanAttribute });

  private readonly container = inject(ControlContainer, { skipSelf: true });

  protected value(choice: FieldOption): string {
    return typeof choice === 'string' ? choice : choice.id;
  }

  protected name(choice: FieldOption): string {
    return typeof choice === 'string' ? choice : choice.name;
  }

  protected message(): string | null {
    return fieldMessage(this.container.control?.get(this.field()) ?? null, this.errorLabel() ?? this.label(), this.patternHint());
  }
}

function optionalNumber(value: unknown): number | null {
  return value === null || value === undefined || value === '' ? null : numberAttribute(value);
}
