import { DOCUMENT, inject, Injectable, InjectionToken, signal } from '@angular/core';
import type { Alert } from './agent-alerts';

/** The browser's Notification API where there is one (absent in some browsers and in tests). */
export interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): { onclick: ((ev: Event) => unknown) | null; close(): void };
}

export const NOTIFICATION_API = new InjectionToken<NotificationApi | undefined>('NOTIFICATION_API', {
  providedIn: 'root',
  factory: (): NotificationApi | undefined => (typeof Notification === 'undefined' ? undefined : Notification),
});

/**
 * New chats and transfers as desktop notifications while the console is in
 * a background tab, where the in-page alert and its tone go unseen. Only
 * after the agent allowed them; clicking one brings the console forward on
 * that chat.
 */
@Injectable({ providedIn: 'root' })
export class DesktopAlerts {
  private readonly api = inject(NOTIFICATION_API);
  private readonly document = inject(DOCUMENT);
  /** 'unsupported' where the browser has no notifications. */
  readonly permission = signal<NotificationPermission | 'unsupported'>(this.api?.permission ?? 'unsupported');

  async enable(): Promise<void> {
    if (!this.api) return;
    this.permission.set(await this.api.requestPermission());
  }

  /** Shows the alert on the desktop if it is one an agent must not miss and the console is not in view. */
  show(alert: Alert, open: (sessionId: string) => void): boolean {
    if (!this.api || this.permission() !== 'granted' || !this.document.hidden) return false;
    if (alert.kind !== 'newChat' && alert.kind !== 'transfer') return false;
    const title = alert.kind === 'newChat' ? 'New chat waiting' : 'Chat transferred to you';
    // One notification per chat: a repeat replaces the earlier one instead of stacking.
    const notification = new this.api(title, { body: alert.text, tag: alert.sessionId, icon: 'favicon.svg' });
    notification.onclick = () => {
      this.document.defaultView?.focus();
      if (alert.sessionId) open(alert.sessionId);
      notification.close();
    };
    return true;
  }
}
