import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatMessage } from './message-format';

/**
 * The text of a message or side note with its small formatting (links, bold,
 * code, lists; see message-format.ts), the same in the agent console, the
 * widget and the admin console. Built from text bindings and elements only:
 * no innerHTML, so whatever a user types is shown, never run.
 */
@Component({
  selector: 'sb-message-text',
  imports: [NgTemplateOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: block; }
    p, ul { margin: 0; }
    ul { padding-left: 1.25em; }
    code { font-family: ui-monospace, monospace; font-size: 0.92em; padding: 0 0.2em; border-radius: 3px; background: rgb(127 127 127 / 0.15); }
    a { color: inherit; text-decoration: underline; overflow-wrap: anywhere; }
  `,
  template: `
    <ng-template #inline let-parts>
      @for (part of parts; track $index) {
        @switch (part.kind) {
          @case ('code') {<code>{{ part.text }}</code>}
          @case ('link') {<a [href]="part.href" target="_blank" rel="noopener noreferrer">{{ part.text }}</a>}
          @case ('bold') {<strong><ng-container [ngTemplateOutlet]="inline" [ngTemplateOutletContext]="{ $implicit: part.parts }" /></strong>}
          @default {<ng-container>{{ part.text }}</ng-container>}
        }
      }
    </ng-template>
    @for (block of blocks(); track $index) {
      @if (block.kind === 'list') {
        <ul>
          @for (item of block.items; track $index) {
            <li><ng-container [ngTemplateOutlet]="inline" [ngTemplateOutletContext]="{ $implicit: item }" /></li>
          }
        </ul>
      } @else {
        <p>
          @for (line of block.lines; track $index) {
            @if (!$first) {<br />}
            <ng-container [ngTemplateOutlet]="inline" [ngTemplateOutletContext]="{ $implicit: line }" />
          }
        </p>
      }
    }
  `,
})
export class MessageText {
  readonly text = input.required<string>();
  protected readonly blocks = computed(() => formatMessage(this.text()));
}
