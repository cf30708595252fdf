import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { AGENT_IDLE_MINUTES_MAX, ATTACHMENT_MAX_BYTES_CEILING, ATTACHMENT_TYPES_MAX, type SettingsView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { describeFailure } from '../shared/describe-failure';
import { DialogField } from '../shared/form-dialog/dialog-field';
import { applyServerError, fieldMessage } from '../shared/server-errors';
import { OUTLINE_FIELDS } from '../shared/outline-fields';
import { PageHeader } from '../shared/page-header/page-header';

/** The switches of the Settings table, with what each changes for agents and end users. */
export const SETTING_SWITCHES = [
  {
    key: 'supportQueues',
    label: 'Support Queues',
    description: 'Chats wait in the queue of their topic, for the agents of that queue. Off: every chat waits in General for every agent.',
  },
  {
    key: 'useTopics',
    label: 'Use Topics',
    description: 'End users pick a topic when they start a chat. With Support Queues, agents can also transfer a chat to another queue.',
  },
  {
    key: 'companyFilter',
    label: 'Company filter',
    description: 'Agents see, are offered and can be transferred only chats of end users of their own companies.',
  },
  {
    key: 'agentAutoAccept',
    label: 'Agent Auto Accept',
    description: 'Waiting chats are assigned automatically to the eligible online agent with the lowest load. Agents no longer pick from the queue.',
  },
] as const;

/** The gateway's limits on mask patterns (the settings schema), checked here so the field says so before saving. */
const MASK_PATTERNS_MAX = 20;
const MASK_PATTERN_MAX_LENGTH = 200;

/** The patterns of the text area: one a line, blank lines and surrounding spaces ignored. */
export function maskPatternLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function maskPatternsLimits(control: AbstractControl<string>): ValidationErrors | null {
  const patterns = maskPatternLines(control.value);
  if (patterns.length > MASK_PATTERNS_MAX) return { hint: `At most ${MASK_PATTERNS_MAX} mask patterns (there are ${patterns.length}).` };
  const tooLong = patterns.findIndex((pattern) => pattern.length > MASK_PATTERN_MAX_LENGTH);
  if (tooLong >= 0) return { hint: `Line ${tooLong + 1} is longer than ${MASK_PATTERN_MAX_LENGTH} characters.` };
  return null;
}

/** The gateway's limits on decline reasons and disposition codes (the settings schema): 1 to 20, each at most 80 characters. */
const DECLINE_REASONS_MAX = 20;
const DECLINE_REASON_MAX_LENGTH = 80;

/** A list of the settings schema that agents pick from (decline reasons, disposition codes): 1 to 20 lines of at most 80 characters. */
function pickListLimits(noun: string, whenEmpty: string): (control: AbstractControl<string>) => ValidationErrors | null {
  return (control) => {
    const lines = maskPatternLines(control.value);
    if (lines.length === 0) return { hint: whenEmpty };
    if (lines.length > DECLINE_REASONS_MAX) return { hint: `At most ${DECLINE_REASONS_MAX} ${noun} (there are ${lines.length}).` };
    const tooLong = lines.findIndex((line) => line.length > DECLINE_REASON_MAX_LENGTH);
    if (tooLong >= 0) return { hint: `Line ${tooLong + 1} is longer than ${DECLINE_REASON_MAX_LENGTH} characters.` };
    return null;
  };
}

const declineReasonsLimits = pickListLimits('decline reasons', 'Agents need at least one reason to decline an offer.');
const dispositionCodesLimits = pickListLimits('disposition codes', 'Agents need at least one disposition code for their wrap-up.');

/** The attachment limits of the settings schema (ATTACHMENT_MAX_BYTES_CEILING, ATTACHMENT_TYPES_MAX), in the units the page shows. */
const MiB = 1024 * 1024;
const ATTACHMENT_MAX_MIB = ATTACHMENT_MAX_BYTES_CEILING / MiB;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/;

/** The largest attachment as the page shows it: MiB with at most one decimal. */
export function mibOf(bytes: number): number {
  return Math.round((bytes / MiB) * 10) / 10;
}

function attachmentTypesLimits(control: AbstractControl<string>): ValidationErrors | null {
  const types = maskPatternLines(control.value);
  if (types.length > ATTACHMENT_TYPES_MAX) return { hint: `At most ${ATTACHMENT_TYPES_MAX} types (there are ${types.length}).` };
  const bad = types.findIndex((type) => !MEDIA_TYPE.test(type));
  if (bad >= 0) return { hint: `Line ${bad + 1} is not a media type such as image/png (lower case, type/subtype).` };
  return null;
}

@Component({
  selector: 'sb-settings-page',
  providers: [OUTLINE_FIELDS],
  imports: [DatePipe, DialogField, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, MatSelectModule, MatSlideToggleModule, PageHeader, ReactiveFormsModule],
  templateUrl: './settings-page.html',
  styleUrl: './settings-page.scss',
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPage {
  private readonly api = inject(AdminApi);
  protected readonly switches = SETTING_SWITCHES;
  protected readonly loading = signal(true);
  protected readonly saving = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly saved = signal<SettingsView | null>(null);
  protected readonly current = signal<SettingsView | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    supportQueues: [false],
    useTopics: [false],
    companyFilter: [false],
    agentAutoAccept: [false],
    emailTranscripts: [false],
    remoteControlConsoleUrl: ['', [Validators.pattern(/^\s*(https?:\/\/[^\s/]+.*)?\s*$/i), Validators.maxLength(2000)]],
    maxConcurrentChatsPerAgent: [0, [Validators.required, Validators.min(0), Validators.max(10000), Validators.pattern(/^\d+$/)]],
    agentIdleMinutes: [0, [Validators.required, Validators.min(0), Validators.max(AGENT_IDLE_MINUTES_MAX), Validators.pattern(/^\d+$/)]],
    offerLapsePresence: ['notResponding' as SettingsView['offerLapsePresence']],
    maskPatterns: ['', maskPatternsLimits],
    offerDeclineReasons: ['', declineReasonsLimits],
    attachmentMaxMib: [10, [Validators.required, Validators.min(0), Validators.max(ATTACHMENT_MAX_MIB), Validators.pattern(/^\d+(\.\d)?$/)]],
    attachmentTypes: ['', attachmentTypesLimits],
    dispositionCodes: ['', dispositionCodesLimits],
  });

  constructor() {
    this.api.settings().subscribe({
      next: (settings) => this.show(settings),
      error: (error: unknown) => {
        this.loading.set(false);
        this.loadError.set(describeFailure(error));
      },
    });
  }

  protected readonly attachmentMaxMib = ATTACHMENT_MAX_MIB;
  protected readonly agentIdleMinutesMax = AGENT_IDLE_MINUTES_MAX;
  protected readonly lapsePresences: ReadonlyArray<{ value: SettingsView['offerLapsePresence']; label: string }> = [
    { value: 'notResponding', label: 'Not responding' },
    { value: 'away', label: 'Away' },
    { value: 'offline', label: 'Offline' },
  ];

  protected idleMessage(): string | null {
    const control = this.form.controls.agentIdleMinutes;
    if (control.hasError('pattern') && !control.hasError('min')) return 'Enter a whole number of minutes: 0 turns this off.';
    return fieldMessage(control, 'The idle time');
  }

  protected attachmentSizeMessage(): string | null {
    const control = this.form.controls.attachmentMaxMib;
    if (control.hasError('pattern') && !control.hasError('min')) return 'Enter a size in MiB with at most one decimal: 0 turns attachments off.';
    return fieldMessage(control, 'The largest attachment');
  }

  protected message(field: 'remoteControlConsoleUrl' | 'maxConcurrentChatsPerAgent'): string | null {
    const control = this.form.controls[field];
    if (control.hasError('pattern') && !control.hasError('min')) {
      return field === 'remoteControlConsoleUrl' ? 'Enter a web address starting with http:// or https://.' : 'Enter a whole number: 0 means no limit.';
    }
    return fieldMessage(control, field === 'remoteControlConsoleUrl' ? 'The URL' : 'The maximum');
  }

  protected reset(): void {
    const current = this.current();
    if (current) this.show(current);
  }

  protected save(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) return;
    this.saving.set(true);
    this.failure.set(null);
    this.saved.set(null);
    const value = this.form.getRawValue();
    const { attachmentMaxMib, ...rest } = value;
    const change = {
      ...rest,
      maxConcurrentChatsPerAgent: Number(value.maxConcurrentChatsPerAgent),
      agentIdleMinutes: Number(value.agentIdleMinutes),
      maskPatterns: maskPatternLines(value.maskPatterns),
      offerDeclineReasons: maskPatternLines(value.offerDeclineReasons),
      attachmentMaxBytes: Math.min(ATTACHMENT_MAX_BYTES_CEILING, Math.round(Number(attachmentMaxMib) * MiB)),
      attachmentTypes: maskPatternLines(value.attachmentTypes),
      dispositionCodes: maskPatternLines(value.dispositionCodes),
    };
    this.api.saveSettings(change).subscribe({
      next: (settings) => {
        this.saving.set(false);
        this.show(settings);
        this.saved.set(settings);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.failure.set(applyServerError(this.form, error));
      },
    });
  }

  private show(settings: SettingsView): void {
    this.loading.set(false);
    this.current.set(settings);
    this.form.reset({
      supportQueues: settings.supportQueues,
      useTopics: settings.useTopics,
      companyFilter: settings.companyFilter,
      agentAutoAccept: settings.agentAutoAccept,
      emailTranscripts: settings.emailTranscripts,
      remoteControlConsoleUrl: settings.remoteControlConsoleUrl,
      maxConcurrentChatsPerAgent: settings.maxConcurrentChatsPerAgent,
      agentIdleMinutes: settings.agentIdleMinutes,
      offerLapsePresence: settings.offerLapsePresence,
      maskPatterns: settings.maskPatterns.join('\n'),
      offerDeclineReasons: settings.offerDeclineReasons.join('\n'),
      attachmentMaxMib: mibOf(settings.attachmentMaxBytes),
      attachmentTypes: settings.attachmentTypes.join('\n'),
      dispositionCodes: settings.dispositionCodes.join('\n'),
    });
  }
}
