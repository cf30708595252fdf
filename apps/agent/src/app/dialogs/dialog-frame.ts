import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';

/**
 * The frame of the agent console's dialogs: the title, the body, the last
 * refusal in words under it, and the buttons (projected with the
 * `sbDialogActions` attribute, as each dialog has its own).
 *
 *     <sb-dialog-frame heading="Create ticket" [error]="error()">
 *       <mat-form-field>...</mat-form-field>
 *       <ng-container sbDialogActions>
 *         <button matButton mat-dialog-close>Cancel</button>
 *         <button matButton="filled" (click)="submit()">Create ticket</button>
 *       </ng-container>
 *     </sb-dialog-frame>
 */
@Component({
  selector: 'sb-dialog-frame',
  imports: [MatDialogModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>{{ heading() }}</h2>
    <mat-dialog-content class="sb-dialog-body">
      <ng-content />
      @if (error(); as error) {
        <div class="sb-alert" role="alert"><mat-icon>error</mat-icon><span>{{ error }}</span></div>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <ng-content select="[sbDialogActions]" />
    </mat-dialog-actions>
  `,
  // The dialog lays out title, content and actions as its own children (the content scrolls between them).
  styles: ':host { display: contents; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DialogFrame {
  readonly heading = input.required<string>();
  /** The last refusal, in words; nothing shown without one. */
  readonly error = input<string | undefined>(undefined);
}
