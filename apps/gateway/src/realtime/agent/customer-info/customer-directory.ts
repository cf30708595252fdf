import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { CustomerInfo } from '@switchboard/contracts';
import type { SessionState } from '@switchboard/domain';
import { EndUserRecord } from '@switchboard/reference-data';
import { OPEN_TICKETS_MAX, SessionQueries } from '@switchboard/session-store';
import type { Connection, Model } from 'mongoose';

/** Most open tickets Customer Information lists (the newest first). */
export const MAX_OPEN_TICKETS = OPEN_TICKETS_MAX;

/** R15 Customer Information: contact, site, company, assets and open tickets of a session's end user. */
@Injectable()
export class CustomerDirectory {
  constructor(
    @InjectModel(EndUserRecord.name) private readonly endUsers: Model<EndUserRecord>,
    @Inject(SessionQueries) private readonly sessions: SessionQueries,
    @InjectConnection() private readonly db: Connection,
  ) {}

  async infoFor(state: SessionState): Promise<CustomerInfo> {
    const [user, company, ticketSessions] = await Promise.all([
      this.endUsers.findById(state.endUserId).lean(),
      this.db.collection<{ _id: string; name?: string }>('companies').findOne({ _id: state.companyId }),
      // Bounded and indexed: only the end user's sessions with an open ticket, only their ticket, newest first.
      this.sessions.openTicketsOf(state.endUserId, MAX_OPEN_TICKETS),
    ]);
    // Tickets live on their sessions (R14: at most one each); the current session's is current.
    const tickets: Array<Pick<SessionState, 'sessionId' | 'ticket'>> = ticketSessions.filter((t) => t.sessionId !== state.sessionId);
    tickets.unshift(state);
    return {
      endUserId: state.endUserId,
      ...(user?.displayName ? { name: user.displayName } : state.endUserName ? { name: state.endUserName } : {}),
      ...(user?.email ? { email: user.email } : {}),
      ...(user?.phone ? { phone: user.phone } : {}),
      ...(user?.site ? { site: user.site } : {}),
      company: { id: state.companyId, ...(company?.name ? { name: company.name } : {}) },
      assets: (user?.assets ?? []).map((a) => ({ id: a.id, ...(a.name ? { name: a.name } : {}), ...(a.deviceId ? { deviceId: a.deviceId } : {}) })),
      openTickets: tickets
        .filter((t) => t.ticket?.status === 'Open')
        .slice(0, MAX_OPEN_TICKETS)
        .map((t) => ({ ticketId: t.ticket!.ticketId, summary: t.ticket!.summary, sessionId: t.sessionId })),
    };
  }
}
