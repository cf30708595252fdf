import { ChangeDetectionStrategy, Component, computed, effect, inject, InjectionToken, input, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { describeFailure } from '@switchboard/client';
import { isPreviewable, type AttachmentRef } from '@switchboard/contracts';

/** Gives a signed link to one of a chat's files (each console provides it, over @switchboard/client's AttachmentsApi). */
export type AttachmentLinkFn = (sessionId: string, attachmentId: string) => Promise<string>;
export const ATTACHMENT_LINKS = new InjectionToken<AttachmentLinkFn>('ATTACHMENT_LINKS');

/**
 * A file or screenshot of a chat, the same in the agent console, the widget
 * and the admin console: images as a preview (opening the full picture in a
 * new tab), other files as a name, size and download. The bytes come
 * through a signed link asked for when the file is shown; a link that lapsed
 * while the page was open is asked for once more.
 */
@Component({
  selector: 'sb-attachment',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: block; }
    .sb-attachment-preview { display: inline-block; margin: 2px 0 4px; }
    .sb-attachment-preview img { display: block; max-width: min(320px, 100%); max-height: 240px; border-radius: 6px; border: 1px solid rgb(127 127 127 / 0.3); background: #fff; }
    .sb-attachment-placeholder { display: grid; place-items: center; width: 160px; height: 96px; border-radius: 6px; background: rgb(127 127 127 / 0.12); font-size: 0.85em; }
    .sb-attachment-file { display: flex; align-items: center; gap: 6px; }
    .sb-attachment-file a { color: inherit; text-decoration: underline; overflow-wrap: anywhere; }
    .sb-attachment-size { opacity: 0.7; font-size: 0.85em; white-space: nowrap; }
    .sb-attachment-error { font-size: 0.85em; }
    mat-icon { font-size: 20px; width: 20px; height: 20px; }
  `,
  template: `
    @if (previewable()) {
      @if (url(); as href) {
        <a class="sb-attachment-preview" [href]="href" target="_blank" rel="noopener noreferrer" data-testid="attachment-preview">
          <img [src]="href" [alt]="attachment().name" loading="lazy" (error)="onBroken()" />
        </a>
      } @else if (!error()) {
        <span class="sb-attachment-placeholder" role="status">Loading preview…</span>
      }
    }
    <div class="sb-attachment-file" data-testid="attachment">
      <mat-icon aria-hidden="true">{{ previewable() ? 'image' : 'attach_file' }}</mat-icon>
      @if (url(); as href) {
        <a [href]="href" target="_blank" rel="noopener noreferrer" [attr.download]="previewable() ? null : attachment().name" data-testid="attachment-link">{{ attachment().name }}</a>
      } @else {
        <span>{{ attachment().name }}</span>
      }
      <span class="sb-attachment-size">{{ size() }}</span>
    </div>
    @if (error(); as message) {
      <div class="sb-attachment-error" role="alert" data-testid="attachment-error">{{ message }}</div>
    }
  `,
})
export class AttachmentView {
  readonly sessionId = input.required<string>();
  readonly attachment = input.required<AttachmentRef>();
  /**
   * Anything that changes when the viewer's access may have changed (the
   * agent console passes the chat's owner: an agent who accepts a waiting
   * chat becomes a participant and may now open its files); a change asks for
   * the link again.
   */
  readonly accessKey = input<unknown>(undefined);

  private readonly links = inject(ATTACHMENT_LINKS);
  protected readonly url = signal<string | undefined>(undefined);
  protected readonly error = signal<string | undefined>(undefined);
  protected readonly previewable = computed(() => isPreviewable(this.attachment().mediaType));
  protected readonly size = computed(() => fileSize(this.attachment().size));
  private retried = false;

  constructor() {
    effect(() => {
      this.accessKey();
      this.retried = false;
      void this.load(this.sessionId(), this.attachment().id);
    });
  }

  /** The preview failed to load: its link probably lapsed; one new link, then give up. */
  protected onBroken(): void {
    if (this.retried) {
      this.url.set(undefined);
      this.error.set('The preview could not be loaded.');
      return;
    }
    this.retried = true;
    this.url.set(undefined);
    void this.load(this.sessionId(), this.attachment().id);
  }

  private async load(sessionId: string, attachmentId: string): Promise<void> {
    try {
      this.error.set(undefined);
      this.url.set(await this.links(sessionId, attachmentId));
    } catch (error) {
      this.error.set(describeFailure(error));
    }
  }
}

/** A file's size as people read it: bytes, KiB or MiB with one decimal. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
