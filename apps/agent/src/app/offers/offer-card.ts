import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatRadioModule } from '@angular/material/radio';
import { ListsStore } from '../lists/lists-store';
import { OffersStore } from './offers-store';
import { PendingAction } from '../shared/pending-action';

/**
 * Offers (issue 14): the chat offered to the agent, with the seconds left to
 * answer, Accept, and Decline with one of the administrator's reasons. Shown
 * above the columns while an offer waits; gone when it is accepted, declined,
 * withdrawn or its time is up. A refusal is said in words in the card.
 */
@Component({
  selector: 'sb-offer-card',
  imports: [MatButtonModule, MatIconModule, MatRadioModule],
  template: `
    @if (store.current(); as offer) {
      <section class="sb-offer" role="alertdialog" aria-labelledby="sb-offer-title" data-testid="offer-card">
        <mat-icon class="sb-offer-icon">notifications_active</mat-icon>
        <div class="sb-offer-body">
          <h2 id="sb-offer-title">Chat offered to you</h2>
          <p class="sb-offer-what">
            <strong>{{ item()?.endUserName ?? offer.summary.endUserName ?? 'An end user' }}</strong> in {{ offer.summary.queue }}@if (item()?.description ?? offer.summary.description; as description) {: {{ description }}}
          </p>
          <p class="sb-offer-countdown" aria-live="off" data-testid="offer-countdown">
            {{ store.secondsLeft(offer) }} {{ store.secondsLeft(offer) === 1 ? 'second' : 'seconds' }} left to answer
          </p>
          @if (error(); as text) {
            <div class="sb-alert" role="alert">{{ text }}</div>
          }
          @if (declining()) {
            <mat-radio-group class="sb-offer-reasons" aria-label="Reason for declining" [value]="reason()" (change)="reason.set($event.value)" data-testid="offer-reasons">
              @for (r of store.reasons(); track r) {
                <mat-radio-button [value]="r">{{ r }}</mat-radio-button>
              } @empty {
                <span class="sb-muted">Loading reasons…</span>
              }
            </mat-radio-group>
          }
        </div>
        <div class="sb-offer-actions">
          @if (declining()) {
            <button matButton (click)="declining.set(false)" [disabled]="busy()">Back</button>
            <button matButton="outlined" (click)="decline(offer.sessionId)" [disabled]="busy() || !reason()" data-testid="offer-decline-confirm">Decline</button>
          } @else {
            <button matButton="outlined" (click)="startDecline()" [disabled]="busy()" data-testid="offer-decline">Decline…</button>
            <button matButton="filled" (click)="accept(offer.sessionId)" [disabled]="busy()" data-testid="offer-accept">Accept</button>
          }
        </div>
      </section>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OfferCard {
  protected readonly store = inject(OffersStore);
  protected readonly declining = signal(false);
  protected readonly reason = signal<string | undefined>(undefined);
  private readonly action = new PendingAction();
  protected readonly busy = this.action.busy;
  protected readonly error = this.action.error;
  private readonly offerId = computed(() => this.store.current()?.sessionId);
  private readonly lists = inject(ListsStore);
  /** The offered chat's row of the Queue tab (name, description), when the agent's lists hold it. */
  protected readonly item = computed(() => {
    const id = this.offerId();
    return id ? this.lists.itemOf(id) : undefined;
  });

  constructor() {
    // A new offer starts afresh.
    effect(() => {
      this.offerId();
      this.declining.set(false);
      this.reason.set(undefined);
      this.error.set(undefined);
    });
  }

  protected async accept(sessionId: string): Promise<void> {
    await this.action.run(() => this.store.accept(sessionId));
  }

  protected async startDecline(): Promise<void> {
    this.declining.set(true);
    if (this.store.reasons().length === 0) await this.action.run(() => this.store.loadReasons());
  }

  protected async decline(sessionId: string): Promise<void> {
    const reason = this.reason();
    if (reason) await this.action.run(() => this.store.decline(sessionId, reason));
  }
}
