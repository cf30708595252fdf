import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatRadioModule } from '@angular/material/radio';
import type { CustomerInfo } from '@switchboard/contracts';
import { describeFailure } from '@switchboard/client';
import { DialogFrame } from './dialog-frame';
import { ChatCommands } from '../chat/chat-commands';

/** R16: pick the device, get the remote-control console link (opened in a new tab), or read why not. */
@Component({
  selector: 'sb-control-dialog',
  imports: [DialogFrame, FormsModule, MatButtonModule, MatDialogModule, MatIconModule, MatRadioModule],
  template: `
    <sb-dialog-frame heading="Request control" [error]="error()">
      @if (url()) {
        <div class="sb-success" role="status"><mat-icon>check_circle</mat-icon><span>Remote control is ready. The console opened in a new tab.</span></div>
        <p><a [href]="url()" target="_blank" rel="noopener">Open the remote-control console again</a></p>
      } @else {
        @if (devices().length > 0) {
          <p>Which device of {{ data.customer?.name ?? 'the end user' }} do you want to control?</p>
          <mat-radio-group class="sb-radio-list" [(ngModel)]="assetId" name="asset" aria-label="Device">
            @for (a of devices(); track a.id) {
              <mat-radio-button [value]="a.id">{{ a.name ?? a.id }} <span class="sb-hint">{{ a.deviceId }}</span></mat-radio-button>
            }
          </mat-radio-group>
        } @else {
          <p>Request remote control of the end user's device.</p>
        }
      }
      <ng-container sbDialogActions>
        @if (url()) {
          <button matButton="filled" mat-dialog-close>Done</button>
        } @else {
          <button matButton mat-dialog-close>Cancel</button>
          <button matButton="filled" (click)="request()" [disabled]="busy()"><mat-icon>screen_share</mat-icon> Request control</button>
        }
      </ng-container>
    </sb-dialog-frame>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ControlDialog {
  private readonly commands = inject(ChatCommands);
  protected readonly data = inject<{ sessionId: string; customer?: CustomerInfo }>(MAT_DIALOG_DATA);
  protected readonly devices = signal((this.data.customer?.assets ?? []).filter((a) => a.deviceId));
  protected assetId = this.devices()[0]?.id ?? '';
  protected readonly busy = signal(false);
  protected readonly error = signal<string | undefined>(undefined);
  protected readonly url = signal<string | undefined>(undefined);

  protected async request(): Promise<void> {
    this.busy.set(true);
    this.error.set(undefined);
    try {
      const url = await this.commands.requestControl(this.data.sessionId, this.assetId || undefined);
      this.url.set(url);
      window.open(url, '_blank', 'noopener');
    } catch (error) {
      this.error.set(describeFailure(error));
    } finally {
      this.busy.set(false);
    }
  }
}
