import { Inject, Injectable } from '@nestjs/common';
import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX, type SessionEventView } from '@switchboard/contracts';
import { isVisibleToEndUser, type SessionEvent } from '@switchboard/domain';
import { SessionReader } from '@switchboard/session-store';
import { eventsFor, type Viewer } from './session-views';

/** What the pages are read from: the session store's event log, oldest first within a page. */
export interface HistorySource {
  /** Undefined: no such session. */
  history(sessionId: string, page: { beforeSeq?: number; limit: number }): Promise<{ events: readonly SessionEvent[]; hasOlder: boolean } | undefined>;
}

export interface PageRequest {
  /** Only events with a lower seq (default: up to the newest). */
  beforeSeq?: number;
  /** Only events with a higher seq (session.resume: what the caller already has). Default 0. */
  afterSeq?: number;
  /** At most this many events the viewer may see (1..HISTORY_PAGE_MAX). */
  limit: number;
}

/** A page as one viewer may see it, oldest first. */
export interface ViewerPage {
  events: SessionEventView[];
  /** More events the viewer may see exist below the first one (and above `afterSeq`). */
  hasOlder: boolean;
}

/**
 * Reads a session's history in bounded pages for one viewer (R13: end users
 * never see side notes). The page holds `limit` events the viewer may see:
 * for an end user, side notes in the log are skipped and more is read, a
 * bounded page at a time, so a page is full whenever older visible events
 * exist. Nothing here reads a whole history.
 */
@Injectable()
export class HistoryPages {
  constructor(@Inject(SessionReader) private readonly source: HistorySource) {}

  /** The most recent page (HISTORY_PAGE_DEFAULT events) up to the session's `version`: what a SessionDetail carries. */
  recent(viewer: Viewer, session: { sessionId: string; version: number }): Promise<ViewerPage> {
    return this.page(viewer, session.sessionId, { beforeSeq: session.version + 1, limit: HISTORY_PAGE_DEFAULT });
  }

  /** A page as the viewer sees it (eventFor: no side notes, command ids or console links for end users). */
  async page(viewer: Viewer, sessionId: string, request: PageRequest): Promise<ViewerPage> {
    const page = await this.events(viewer, sessionId, request);
    return { events: eventsFor(viewer, page.events), hasOlder: page.hasOlder };
  }

  /** The stored events of a page the viewer may see, unchanged, oldest first. */
  async events(viewer: Viewer, sessionId: string, request: PageRequest): Promise<{ events: SessionEvent[]; hasOlder: boolean }> {
    const limit = Math.max(1, Math.min(HISTORY_PAGE_MAX, Math.floor(request.limit)));
    const floor = Math.max(0, request.afterSeq ?? 0);
    // Agents and administrators see every seq 1..n, so whether older ones exist follows from the oldest seq
    // of the page. End users do not see side notes: one more than asked says whether older ones exist.
    const seesAll = viewer !== 'endUser';
    const target = seesAll ? limit : limit + 1;
    const collected: SessionEvent[] = []; // newest first while collecting
    let before = request.beforeSeq;
    for (;;) {
      if (before !== undefined && before <= floor + 1) break;
      const wanted = Math.min(target - collected.length, HISTORY_PAGE_MAX);
      const raw = await this.source.history(sessionId, {
        ...(before === undefined ? {} : { beforeSeq: before }),
        limit: before === undefined ? wanted : Math.min(wanted, before - 1 - floor),
      });
      if (!raw) break;
      let reachedFloor = false;
      for (let i = raw.events.length - 1; i >= 0 && collected.length < target; i--) {
        const event = raw.events[i]!;
        if (event.seq <= floor) {
          reachedFloor = true;
          break;
        }
        if (seesAll || isVisibleToEndUser(event)) collected.push(event);
      }
      const oldest = raw.events[0];
      if (collected.length >= target || reachedFloor || !raw.hasOlder || !oldest) break;
      before = oldest.seq;
    }
    const events = collected.slice(0, limit).reverse();
    const hasOlder = seesAll ? events.length === limit && events[0]!.seq - 1 > floor : collected.length > limit;
    return { events, hasOlder };
  }
}
