import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatRadioModule } from '@angular/material/radio';
import { WrapUpStore } from './wrap-up-store';
import { PendingAction } from '../shared/pending-action';

/**
 * Wrap-up (issue 14): after the agent ends or abandons a chat of a queue
 * with a wrap-up, the seconds left, whether a disposition is required, the
 * administrator's disposition codes and Done, which records the one picked.
 * Shown above the columns; gone when the time is up (a disposition not
 * required) or the disposition is recorded. A refusal is said in words in
 * the panel.
 */
@Component({
  selector: 'sb-wrap-up-panel',
  imports: [MatButtonModule, MatIconModule, MatRadioModule],
  template: `
    @if (store.current(); as wrapUp) {
      <section class="sb-wrap-up" role="region" aria-labelledby="sb-wrap-up-title" data-testid="wrap-up-panel">
        <mat-icon class="sb-wrap-up-icon">assignment_turned_in</mat-icon>
        <div class="sb-wrap-up-body">
          <h2 id="sb-wrap-up-title">
            Wrap-up@if (wrapUp.endUserName; as name) { of the chat with {{ name }}}
            @if (wrapUp.required) {
              <span class="sb-tag sb-tag-warn" data-testid="wrap-up-required">Disposition required</span>
            }
          </h2>
          @if (store.secondsLeft(wrapUp) > 0) {
            <p class="sb-wrap-up-countdown" aria-live="off" data-testid="wrap-up-countdown">
              {{ store.secondsLeft(wrapUp) }} {{ store.secondsLeft(wrapUp) === 1 ? 'second' : 'seconds' }} of wrap-up left
            </p>
          }
          <p data-testid="wrap-up-next">
            @if (wrapUp.required) {
              You get new chats again when you record the disposition.
            } @else {
              You get new chats again when the wrap-up ends.
            }
          </p>
          @if (error(); as text) {
            <div class="sb-alert" role="alert">{{ text }}</div>
          }
          <mat-radio-group class="sb-wrap-up-codes" aria-label="Disposition" [value]="code()" (change)="code.set($event.value)" data-testid="wrap-up-codes">
            @for (c of store.codes(); track c) {
              <mat-radio-button [value]="c">{{ c }}</mat-radio-button>
            } @empty {
              <span class="sb-muted">Loading disposition codes…</span>
            }
          </mat-radio-group>
        </div>
        <div class="sb-wrap-up-actions">
          <button matButton="filled" (click)="done()" [disabled]="busy() || !code()" data-testid="wrap-up-done">Done</button>
        </div>
      </section>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WrapUpPanel {
  protected readonly store = inject(WrapUpStore);
  protected readonly code = signal<string | undefined>(undefined);
  private readonly action = new PendingAction();
  protected readonly busy = this.action.busy;
  protected readonly error = this.action.error;
  private readonly wrapUpId = computed(() => this.store.current()?.sessionId);

  constructor() {
    // A new wrap-up starts afresh; one without codes asks for them again (the first read may have failed).
    effect(() => {
      if (!this.wrapUpId()) return;
      untracked(() => {
        this.code.set(undefined);
        this.error.set(undefined);
        if (this.store.codes().length === 0) void this.action.run(() => this.store.loadCodes());
      });
    });
  }

  protected async done(): Promise<void> {
    const code = this.code();
    if (code) await this.action.run(() => this.store.record(code));
  }
}
