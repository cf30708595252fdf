import { Injectable } from '@angular/core';

/** What the console tells the agent outside the chat being looked at (a snack bar, and a desktop notification for new chats and transfers). */
export interface Alert {
  kind: 'newChat' | 'transfer' | 'info' | 'error';
  text: string;
  sessionId?: string;
}

/** The console's alerts: the stores raise them, the console page shows them. */
@Injectable({ providedIn: 'root' })
export class AgentAlerts {
  private readonly listeners = new Set<(alert: Alert) => void>();

  on(listener: (alert: Alert) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  raise(alert: Alert): void {
    for (const listener of this.listeners) listener(alert);
  }
}
