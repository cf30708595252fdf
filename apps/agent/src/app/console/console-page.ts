import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject } from '@angular/core';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { MatTooltipModule } from '@angular/material/tooltip';
import { DesktopAlerts } from '../alerts/desktop-alerts';
import { ChatPane } from '../chat/chat-pane';
import { ChatList } from '../lists/chat-list';
import { AgentStore } from '../session/agent-store';
import { SidePanel } from '../side-panel/side-panel';

/** The console: lists left, the selected chat in the centre, customer information and resources right. */
@Component({
  selector: 'sb-console-page',
  imports: [ChatList, ChatPane, MatBadgeModule, MatButtonModule, MatButtonToggleModule, MatIconModule, MatTabsModule, MatTooltipModule, SidePanel],
  template: `
    <div class="sb-console">
      <header class="sb-topbar">
        <div class="sb-brand"><span class="sb-brand-mark"><mat-icon>forum</mat-icon></span><span>Switchboard</span><span class="sb-brand-sub">Agent console</span></div>
        <span class="sb-spacer"></span>
        @if (store.reconnecting()) {
          <span class="sb-tag sb-tag-warn" role="status"><mat-icon>wifi_off</mat-icon>Reconnecting…</span>
        }
        <mat-button-toggle-group class="sb-presence" [value]="store.presence()" (change)="store.setPresence($event.value)" aria-label="Presence" hideSingleSelectionIndicator>
          <mat-button-toggle value="online" [checked]="store.presence() === 'online'" data-testid="presence-online"><span class="sb-dot sb-dot-online"></span>Online</mat-button-toggle>
          <mat-button-toggle value="away" [checked]="store.presence() === 'away'" data-testid="presence-away"><span class="sb-dot sb-dot-away"></span>Away</mat-button-toggle>
        </mat-button-toggle-group>
        @if (desktop.permission() === 'default') {
          <button matIconButton (click)="desktop.enable()" matTooltip="Show new chats and transfers as desktop notifications"
            aria-label="Turn on desktop notifications" data-testid="desktop-alerts"><mat-icon>notifications_off</mat-icon></button>
        } @else if (desktop.permission() === 'granted') {
          <mat-icon class="sb-muted" matTooltip="Desktop notifications are on" aria-label="Desktop notifications are on">notifications_active</mat-icon>
        }
        <span class="sb-user"><mat-icon>account_circle</mat-icon>{{ store.me()?.name }}</span>
        <button matButton (click)="store.signOut()"><mat-icon>logout</mat-icon> Sign out</button>
      </header>
      <div class="sb-columns">
        <nav class="sb-col sb-col-lists" aria-label="Chats">
          <mat-tab-group mat-stretch-tabs disablePagination animationDuration="0ms" class="sb-fill-tabs" [selectedIndex]="tabIndex()" (selectedIndexChange)="tab = $event">
            <mat-tab>
              <ng-template mat-tab-label><span data-testid="tab-queue">Queue</span><span class="sb-count" [class.sb-count-hot]="store.queue().length + store.more().queue > 0">{{ store.queue().length + store.more().queue }}</span></ng-template>
              @if (store.presence() === 'away') {
                <div class="sb-empty"><mat-icon>bedtime</mat-icon><p>You are away: new chats are not offered to you. Switch to Online to see the queue.</p></div>
              } @else {
                <sb-chat-list [items]="store.queue()" [more]="store.more().queue" label="Queue" emptyIcon="inbox" emptyText="No chats waiting. New chats appear here as they arrive." />
              }
            </mat-tab>
            <mat-tab>
              <ng-template mat-tab-label><span data-testid="tab-transferred">Transferred</span><span class="sb-count" [class.sb-count-hot]="store.transferred().length + store.more().transferred > 0">{{ store.transferred().length + store.more().transferred }}</span></ng-template>
              <sb-chat-list [items]="store.transferred()" [more]="store.more().transferred" moreText="transferred to you" label="Transferred" emptyIcon="swap_horiz" emptyText="No chats transferred to you." />
            </mat-tab>
            <mat-tab>
              <ng-template mat-tab-label><span data-testid="tab-mychats">My Chats</span><span class="sb-count">{{ store.myChats().length + store.more().myChats }}</span></ng-template>
              <sb-chat-list [items]="store.myChats()" [more]="store.more().myChats" moreText="of your chats" label="My Chats" emptyIcon="chat_bubble_outline" emptyText="You have no chats yet. Accept one from the Queue." />
            </mat-tab>
          </mat-tab-group>
        </nav>
        <main class="sb-col sb-col-chat"><sb-chat-pane /></main>
        <aside class="sb-col sb-col-side" aria-label="Customer and resources"><sb-side-panel /></aside>
      </div>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConsolePage {
  protected readonly store = inject(AgentStore);
  private readonly snack = inject(MatSnackBar);
  protected readonly desktop = inject(DesktopAlerts);
  protected tab = 0;
  /** Follows the selected chat to the tab it is in (e.g. My Chats after Accept). */
  protected readonly tabIndex = computed(() => {
    const list = this.store.selectedList();
    return list === 'queue' ? 0 : list === 'transferred' ? 1 : list === 'myChats' ? 2 : this.tab;
  });

  constructor() {
    const off = this.store.onAlert((alert) => {
      const action = alert.sessionId && alert.kind !== 'error' ? 'Open' : undefined;
      const ref = this.snack.open(alert.text, action, { duration: alert.kind === 'error' ? 6000 : 5000, panelClass: `sb-snack-${alert.kind}` });
      ref.onAction().subscribe(() => alert.sessionId && void this.store.select(alert.sessionId));
      if (alert.kind === 'newChat' || alert.kind === 'transfer') this.chime();
      this.desktop.show(alert, (sessionId) => void this.store.select(sessionId));
    });
    inject(DestroyRef).onDestroy(off);
    effect(() => {
      const more = this.store.more();
      const waiting = this.store.queue().length + this.store.transferred().length + more.queue + more.transferred;
      document.title = waiting > 0 ? `(${waiting}) Switchboard agent console` : 'Switchboard agent console';
    });
  }

  /** A short tone for new-chat and transfer alerts (silently skipped where audio is not allowed). */
  private chime(): void {
    try {
      const Ctx = (window as { AudioContext?: typeof AudioContext }).AudioContext;
      if (!Ctx) return;
      const ctx = new Ctx();
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.08, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.3);
      osc.connect(gain).connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.3);
      osc.onended = () => void ctx.close();
    } catch {
      // no audio here
    }
  }
}
