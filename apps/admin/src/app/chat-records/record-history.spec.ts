import type { SessionDetailView, SessionHistoryEntryView, SessionHistoryPageView } from '@switchboard/contracts';
import { Subject, of, throwError, type Observable } from 'rxjs';
import { RecordHistory } from './record-history';

const entry = (seq: number): SessionHistoryEntryView => ({ seq, type: 'MessagePosted', at: '2026-03-01T10:00:00Z', by: { role: 'endUser', id: 'erin' }, text: `m${seq}` });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));
/** A record of 120 entries whose recent page holds the last 50. */
const record = (fields: Partial<SessionDetailView> = {}): SessionDetailView => ({
  sessionId: 'ab-1234567890',
  status: 'CLOSED',
  queue: 'General',
  endUserId: 'erin',
  companyId: 'acme',
  description: 'VPN drops',
  createdAt: '2026-03-01T10:00:00Z',
  updatedAt: '2026-03-01T11:00:00Z',
  cancelledByUser: false,
  userLeft: false,
  version: 120,
  participants: ['alice'],
  history: range(71, 120),
  hasOlder: true,
  ...fields,
});
/** The admin API's answer: entries before beforeSeq, at most 50. */
const api = (beforeSeq: number): Observable<SessionHistoryPageView> => {
  const events = range(Math.max(1, beforeSeq - 50), beforeSeq - 1);
  return of({ events, hasOlder: events[0]!.seq > 1, lastSeq: 120 });
};

describe('chat record history in pages (R13, R17)', () => {
  it('shows the recent entries, then earlier pages in front, down to the start of the chat', () => {
    const asked: number[] = [];
    const history = new RecordHistory((_id, before) => (asked.push(before), api(before)));
    history.show(record());
    expect([history.entries().length, history.hasOlder()]).toEqual([50, true]);
    history.loadOlder();
    history.loadOlder();
    history.loadOlder(); // nothing older any more: no request
    expect(asked).toEqual([71, 21]);
    expect(history.entries().map((e) => e.seq)).toEqual(range(1, 120).map((e) => e.seq));
    expect([history.hasOlder(), history.loading()]).toEqual([false, false]);
  });

  it('one request at a time; a reload of the record (force-close) drops a page still on its way', () => {
    const pending = new Subject<SessionHistoryPageView>();
    let requests = 0;
    const history = new RecordHistory(() => (requests++, pending));
    history.show(record());
    history.loadOlder();
    history.loadOlder();
    expect([requests, history.loading()]).toEqual([1, true]);
    history.show(record({ version: 121, history: range(72, 121) }));
    pending.next({ events: range(21, 70), hasOlder: true, lastSeq: 121 });
    pending.complete();
    expect(history.entries()[0]!.seq).toBe(72);
  });

  it('a failed page says why and can be tried again', () => {
    let fail = true;
    const history = new RecordHistory((_id, before) => (fail ? throwError(() => new Error('offline')) : api(before)));
    history.show(record());
    history.loadOlder();
    expect(history.error()).toBeTruthy();
    expect(history.loading()).toBe(false);
    fail = false;
    history.loadOlder();
    expect([history.error(), history.entries().length]).toEqual([null, 100]);
  });
});
