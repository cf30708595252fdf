import { inject, Injectable } from '@angular/core';
import type { DashboardSnapshot } from '@switchboard/contracts';
import { Observable } from 'rxjs';
import { AuthSession } from '../auth/auth-session';

/** Parses `data:` lines of server-sent events out of a text stream. */
export function sseEvents(buffer: string): { events: string[]; rest: string } {
  const events: string[] = [];
  let rest = buffer.replace(/\r\n/g, '\n');
  for (let end = rest.indexOf('\n\n'); end >= 0; end = rest.indexOf('\n\n')) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
      .join('\n');
    if (data) events.push(data);
  }
  return { events, rest };
}

/**
 * The live dashboard feed: the gateway's server-sent events, read with fetch
 * so the bearer token travels as a header (EventSource cannot send one).
 * Reconnects after a drop; the first event after a (re)connect is a full snapshot.
 */
@Injectable({ providedIn: 'root' })
export class DashboardStream {
  private readonly session = inject(AuthSession);

  snapshots(): Observable<{ snapshot?: DashboardSnapshot; connected: boolean }> {
    return new Observable((subscriber) => {
      let stopped = false;
      let controller: AbortController | undefined;
      let retry: ReturnType<typeof setTimeout> | undefined;

      const connect = async (): Promise<void> => {
        controller = new AbortController();
        try {
          const response = await fetch('/api/admin/dashboard/stream', {
            headers: { Authorization: `Bearer ${(await this.session.freshToken()) ?? ''}`, Accept: 'text/event-stream' },
            signal: controller.signal,
          });
          if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            const parsed = sseEvents(buffer + decoder.decode(value, { stream: true }));
            buffer = parsed.rest;
            for (const data of parsed.events) subscriber.next({ snapshot: JSON.parse(data) as DashboardSnapshot, connected: true });
          }
        } catch {
          // Dropped or refused: shown as "reconnecting", tried again below.
        }
        if (stopped) return;
        subscriber.next({ connected: false });
        retry = setTimeout(() => void connect(), 2000);
      };

      void connect();
      return () => {
        stopped = true;
        clearTimeout(retry);
        controller?.abort();
      };
    });
  }
}
