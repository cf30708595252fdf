import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';

/** R1: the topic (when Use Topics is on) and the description of the issue. */
@Component({
  selector: 'sb-start-form',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule],
  template: `
    <form class="sb-card sb-start" (ngSubmit)="submit()">
      <h1>How can we help?</h1>
      <p class="sb-muted">Tell us what is going on and an agent of the service desk will join you.</p>
      @if (error()) {
        <div class="sb-alert" role="alert"><mat-icon>error</mat-icon><span>{{ error() }}</span></div>
      }
      @if (useTopics()) {
        <mat-form-field>
          <mat-label>Topic</mat-label>
          <mat-select name="topic" [(ngModel)]="topic" required data-testid="topic">
            @for (t of topics(); track t.id) {
              <mat-option [value]="t.id">{{ t.name }}</mat-option>
            }
          </mat-select>
          <mat-hint>Pick what your question is about, so the right team answers.</mat-hint>
        </mat-form-field>
      }
      <mat-form-field>
        <mat-label>Describe your issue</mat-label>
        <textarea matInput name="description" [(ngModel)]="description" rows="5" maxlength="4000" required
          placeholder="For example: my VPN disconnects every few minutes since this morning"></textarea>
        <mat-hint align="end">{{ description.length }} / 4000</mat-hint>
      </mat-form-field>
      <div class="sb-actions">
        <button matButton="filled" type="submit" [disabled]="busy() || !ready()"><mat-icon>chat</mat-icon> Start chat</button>
      </div>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartForm {
  readonly useTopics = input(false);
  readonly topics = input<Array<{ id: string; name: string }>>([]);
  readonly busy = input(false);
  readonly error = input<string | undefined>(undefined);
  readonly start = output<{ description: string; topic?: string }>();
  protected description = '';
  protected topic = '';

  protected ready(): boolean {
    return this.description.trim().length > 0 && (!this.useTopics() || this.topic !== '');
  }

  protected submit(): void {
    if (!this.ready() || this.busy()) return;
    this.start.emit({ description: this.description.trim(), ...(this.useTopics() ? { topic: this.topic } : {}) });
  }
}
