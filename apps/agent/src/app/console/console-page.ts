import { describeFailure } from '@switchboard/client';
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
import { AgentAlerts } from '../alerts/agent-alerts';
import { ChatsStore } from '../chat/chats-store';
import { ListsStore } from '../lists/lists-store';
import { InvitesList } from '../invites/invites-list';
import { InvitesStore } from '../invites/invites-store';
import { OfferCard } from '../offers/offer-card';
import { PresenceStore } from '../presence/presence-store';
import { AgentConnection } from '../session/agent-connection';
import { SidePanel } from '../side-panel/side-panel';
import { WrapUpPanel } from '../wrap-up/wrap-up-panel';
import { BoardView } from '../supervision/board-view';
import { MonitorPane } from '../supervision/monitor-pane';
import { SupervisionStore } from '../supervision/supervision-store';

/** The console: lists left, the selected chat in the centre, customer information and resources right. */
@Component({
  selector: 'sb-console-page',
  imports: [ChatList, ChatPane, InvitesList, OfferCard, MatBadgeModule, MatButtonModule, MatButtonToggleModule, MatIconModule, MatTabsModule, MatTooltipModule, SidePanel, WrapUpPanel, BoardView, MonitorPane],
  template: `
    <div class="sb-console">
      <header class="sb-topbar">
        <div class="sb-brand"><span class="sb-brand-mark"><mat-icon>forum</mat-icon></span><span>Switchboard</span><span class="sb-brand-sub">Agent console</span></div>
        <span class="sb-spacer"></span>
        @if (connection.reconnecting()) {
          <span class="sb-tag sb-tag-warn" role="status"><mat-icon>wifi_off</mat-icon>Reconnecting…</span>
        }
        @if (presence.presence() === 'notResponding') {
          <span class="sb-tag sb-tag-alarm" role="status" data-testid="presence-not-responding"><span class="sb-dot sb-dot-not-responding"></span>Not responding</span>
        }
        <mat-button-toggle-group class="sb-presence" [value]="presence.presence()" (change)="setPresence($event.value)" aria-label="Presence" hideSingleSelectionIndicator>
          <mat-button-toggle value="online" [checked]="presence.presence() === 'online'" data-testid="presence-online"><span class="sb-dot sb-dot-online"></span>Online</mat-button-toggle>
          <mat-button-toggle value="away" [checked]="presence.presence() === 'away'" data-testid="presence-away"><span class="sb-dot sb-dot-away"></span>Away</mat-button-toggle>
        </mat-button-toggle-group>
        @if (desktop.permission() === 'default') {
          <button matIconButton (click)="desktop.enable()" matTooltip="Show new chats and transfers as desktop notifications"
            aria-label="Turn on desktop notifications" data-testid="desktop-alerts"><mat-icon>notifications_off</mat-icon></button>
        } @else if (desktop.permission() === 'granted') {
          <mat-icon class="sb-muted" matTooltip="Desktop notifications are on" aria-label="Desktop notifications are on">notifications_active</mat-icon>
        }
        <span class="sb-user"><mat-icon>account_circle</mat-icon>{{ connection.me()?.name }}</span>
        <button matButton (click)="connection.signOut()"><mat-icon>logout</mat-icon> Sign out</button>
      </header>
      @if (presence.awayAfterIdle(); as minutes) {
        @if (presence.presence() === 'away') {
          <div class="sb-idle-notice" role="alert" data-testid="idle-notice">
            <mat-icon>bedtime</mat-icon>
            <span>You were set to Away after {{ minutes }} {{ minutes === 1 ? 'minute' : 'minutes' }} without activity. New chats are not offered to you until you go online.</span>
            <button matButton="filled" (click)="setPresence('online')" data-testid="idle-go-online">Go online</button>
          </div>
        }
      }
      @if (presence.presence() === 'notResponding') {
        <div class="sb-idle-notice sb-not-responding" role="alert" data-testid="not-responding-notice">
          <mat-icon>timer_off</mat-icon>
          <span>You did not answer an offer in time; you get no new chats until you are back.</span>
          <button matButton="filled" (click)="setPresence('online')" data-testid="not-responding-back">I'm back</button>
        </div>
      }
      <sb-offer-card />
      <sb-wrap-up-panel />
      <div class="sb-columns" [class.sb-supervising]="supervision.isSupervisor()">
        <nav class="sb-col sb-col-lists" aria-label="Chats">
          <mat-tab-group mat-stretch-tabs disablePagination animationDuration="0ms" class="sb-fill-tabs" [selectedIndex]="tabIndex()" (selectedIndexChange)="tab = $event">
            <mat-tab>
              <ng-template mat-tab-label><span data-testid="tab-queue">Queue</span><span class="sb-count" [class.sb-count-hot]="lists.queue().length + lists.more().queue > 0">{{ lists.queue().length + lists.more().queue }}</span></ng-template>
              @if (presence.presence() === 'away') {
                <div class="sb-empty"><mat-icon>bedtime</mat-icon><p>You are away: new chats are not offered to you. Switch to Online to see the queue.</p></div>
              } @else {
                <sb-chat-list [items]="lists.queue()" [more]="lists.more().queue" label="Queue" emptyIcon="inbox" emptyText="No chats waiting. New chats appear here as they arrive." />
              }
            </mat-tab>
            <mat-tab>
              <ng-template mat-tab-label><span data-testid="tab-transferred">Transferred</span><span class="sb-count" [class.sb-count-hot]="lists.transferred().length + lists.more().transferred > 0">{{ lists.transferred().length + lists.more().transferred }}</span></ng-template>
              <sb-chat-list [items]="lists.transferred()" [more]="lists.more().transferred" moreText="transferred to you" label="Transferred" emptyIcon="swap_horiz" emptyText="No chats transferred to you." />
            </mat-tab>
            <mat-tab>
              <ng-template mat-tab-label><span data-testid="tab-mychats">My Chats</span><span class="sb-count">{{ lists.myChats().length + lists.more().myChats }}</span></ng-template>
              <sb-chat-list [items]="lists.myChats()" [more]="lists.more().myChats" moreText="of your chats" label="My Chats" emptyIcon="chat_bubble_outline" emptyText="You have no chats yet. Accept one from the Queue." />
            </mat-tab>
            <!-- Issue 16 (ADR 24): colleagues' invitations into their chats. -->
            <mat-tab>
              <ng-template mat-tab-label><span data-testid="tab-invites">Invites</span><span class="sb-count" [class.sb-count-hot]="invites.count() > 0">{{ invites.count() }}</span></ng-template>
              <sb-invites-list />
            </mat-tab>
            @if (supervision.isSupervisor()) {
              <mat-tab>
                <ng-template mat-tab-label><span data-testid="tab-board">Board</span><span class="sb-count" [class.sb-count-hot]="supervision.helpAlerts().length > 0" data-testid="help-badge">{{ supervision.helpAlerts().length }}</span></ng-template>
                <sb-board />
              </mat-tab>
            }
          </mat-tab-group>
        </nav>
        <main class="sb-col sb-col-chat">
          @if (supervision.monitored()) {
            <sb-monitor-pane />
          } @else {
            <sb-chat-pane />
          }
        </main>
        <aside class="sb-col sb-col-side" aria-label="Customer and resources"><sb-side-panel /></aside>
      </div>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConsolePage {
  protected readonly connection = inject(AgentConnection);
  protected readonly lists = inject(ListsStore);
  protected readonly presence = inject(PresenceStore);
  protected readonly invites = inject(InvitesStore);
  private readonly chats = inject(ChatsStore);
  private readonly alerts = inject(AgentAlerts);
  private readonly snack = inject(MatSnackBar);
  protected readonly desktop = inject(DesktopAlerts);
  protected readonly supervision = inject(SupervisionStore);
  protected tab = 0;
  /** Follows the selected chat to the tab it is in (e.g. My Chats after Accept). */
  protected readonly tabIndex = computed(() => {
    const list = this.chats.selectedList();
    return list === 'queue' ? 0 : list === 'transferred' ? 1 : list === 'myChats' ? 2 : this.tab;
  });

  constructor() {
    const off = this.alerts.on((alert) => {
      const action = alert.sessionId && alert.kind !== 'error' ? 'Open' : undefined;
      const ref = this.snack.open(alert.text, action, { duration: alert.kind === 'error' ? 6000 : 5000, panelClass: `sb-snack-${alert.kind}` });
      ref.onAction().subscribe(() => alert.sessionId && void this.chats.select(alert.sessionId));
      if (alert.kind === 'newChat' || alert.kind === 'transfer') this.chime();
      this.desktop.show(alert, (sessionId) => void this.chats.select(sessionId));
    });
    inject(DestroyRef).onDestroy(off);
    // Issue 16: picking a chat of the lists leaves the monitored one.
    let selected = this.chats.selectedId();
    effect(() => {
      const now = this.chats.selectedId();
      if (now !== selected && now !== undefined) void this.supervision.stopMonitoring();
      selected = now;
    });
    effect(() => {
      const more = this.lists.more();
      const waiting = this.lists.queue().length + this.lists.transferred().length + more.queue + more.transferred;
      document.title = waiting > 0 ? `(${waiting}) Switchboard agent console` : 'Switchboard agent console';
    });
  }

  /** R18: a refused change of presence is undone by the store and said in an alert. */
  protected async setPresence(presence: 'online' | 'away'): Promise<void> {
    try {
      await this.presence.set(presence);
    } catch (error) {
      this.alerts.raise({ kind: 'error', text: describeFailure(error) });
    }
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
