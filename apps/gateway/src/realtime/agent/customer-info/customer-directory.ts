import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { CustomerInfo } from '@switchboard/contracts';
import type { SessionState } from '@switchboard/domain';
import { EndUserRecord } from '@switchboard/reference-data';
import { SessionRecord } from '@switchboard/session-store';
import type { Connection, Model } from 'mongoose';

/** R15 Customer Information: contact, site, company, assets and open tickets of a session's end user. */
@Injectable()
export class CustomerDirectory {
  constructor(
    @InjectModel(EndUserRecord.name) private readonly endUsers: Model<EndUserRecord>,
    @InjectModel(SessionRecord.name) private readonly sessions: Model<SessionRecord>,
    @InjectConnection() private readonly db: Connection,
  ) {}

  async infoFor(state: SessionState): Promise<CustomerInfo> {
    const [user, company, ticketSessions] = await Promise.all([
      this.endUsers.findById(state.endUserId).lean(),
      this.db.collection<{ _id: string; name?: string }>('companies').findOne({ _id: state.companyId }),
      this.sessions.find({ endUserId: state.endUserId }, { state: 1 }).lean(),
    ]);
    // Tickets live on their sessions (R14: at most one each); the current session's is current.
    const tickets = ticketSessions.map((d) => (d._id === state.sessionId ? state : (d.state as SessionState)));
    if (!tickets.some((t) => t.sessionId === state.sessionId)) tickets.push(state);
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
        .map((t) => ({ ticketId: t.ticket!.ticketId, summary: t.ticket!.summary, sessionId: t.sessionId })),
    };
  }
}
