import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { TRANSCRIPT_PAGE_EVENTS, transcriptFileName, type Principal, type TranscriptEmailStatus, type TranscriptKind } from '@switchboard/contracts';
import { guestOf, isTerminalStatus, type SessionState } from '@switchboard/domain';
import { EndUserRecord, ReferenceDataRepository } from '@switchboard/reference-data';
import { SessionReader } from '@switchboard/session-store';
import type { Model } from 'mongoose';
import type { Readable } from 'node:stream';
import { transcriptErrors } from './transcript-errors';
import { linesOf, type TranscriptHeading, type TranscriptLine } from './transcript-format';
import { TranscriptMailer } from './transcript-mailer';
import { transcriptPdf } from './transcript-pdf';
import { TranscriptRecords, type MailClaim } from './transcript-records';
import { TranscriptSlots } from './transcript-slots';
import { TRANSCRIPT_CONFIG, type TranscriptConfig } from './transcript.config';

/** A transcript ready to be streamed. */
export interface OpenTranscript {
  fileName: string;
  pdf: Readable;
}

/**
 * Who may read which transcript of a chat: the end user's own (never with
 * side notes), the internal one for the agents of the chat (its owner, its
 * transfer target and every agent who held it), both for administrators.
 */
export function mayRead(principal: Principal, state: SessionState, kind: TranscriptKind): boolean {
  switch (principal.role) {
    case 'admin':
      return true;
    case 'endUser':
      return kind === 'endUser' && state.endUserId === principal.id;
    case 'agent':
      return kind === 'internal' && (state.ownerAgentId === principal.id || state.transferTargetAgentId === principal.id || state.participants.includes(principal.id) || guestOf(state, principal.id) !== undefined);
  }
}

/**
 * Transcripts (issue 17): PDF documents written from the event log a page
 * at a time (TRANSCRIPT_PAGE_EVENTS events per read), the end user's choice
 * to have theirs e-mailed when the chat ends, the sending, and the internal
 * transcript attached to the chat's ticket (R14).
 */
@Injectable()
export class TranscriptsService {
  private readonly logger = new Logger(TranscriptsService.name);
  private readonly now: () => Date = () => new Date();
  private readonly slots: TranscriptSlots;

  constructor(
    @Inject(SessionReader) private readonly reader: SessionReader,
    @Inject(ReferenceDataRepository) private readonly reference: ReferenceDataRepository,
    @InjectModel(EndUserRecord.name) private readonly endUsers: Model<EndUserRecord>,
    @Inject(TranscriptRecords) private readonly records: TranscriptRecords,
    @Inject(TranscriptMailer) private readonly mailer: TranscriptMailer,
    @Inject(TRANSCRIPT_CONFIG) private readonly config: TranscriptConfig,
  ) {
    this.slots = new TranscriptSlots(config.TRANSCRIPT_MAX_CONCURRENT);
  }

  /** The transcript of `kind` for the principal, up to the chat's latest event now; FORBIDDEN or SESSION_NOT_FOUND otherwise. */
  async open(principal: Principal, sessionId: string, kind: TranscriptKind): Promise<OpenTranscript> {
    const state = (await this.reader.load(sessionId))?.state;
    if (!state) throw transcriptErrors.notFound();
    if (!mayRead(principal, state, kind)) {
      throw transcriptErrors.forbidden(
        kind === 'internal' ? 'Only the agents of this chat and administrators may read its internal transcript.' : 'Only the end user of this chat and administrators may read its transcript.',
      );
    }
    return this.download(state, kind, state.version);
  }

  /** R14: the internal transcript attached to a ticket, for the agents of its chat and administrators. */
  async openTicketTranscript(principal: Principal, ticketId: string): Promise<OpenTranscript> {
    const attached = await this.records.ticketTranscript(ticketId);
    if (!attached) throw transcriptErrors.notAttached(ticketId);
    const state = (await this.reader.load(attached.sessionId))?.state;
    if (!state) throw transcriptErrors.notAttached(ticketId);
    if (!mayRead(principal, state, 'internal')) throw transcriptErrors.forbidden("Only the agents of this ticket's chat and administrators may read its transcript.");
    return this.download(state, 'internal', attached.lastSeq);
  }

  /** A download takes one of the gateway's transcript slots until its stream ends (TOO_MANY_TRANSCRIPTS when none is free). */
  private download(state: SessionState, kind: TranscriptKind, lastSeq: number): OpenTranscript {
    const release = this.slots.take();
    if (!release) throw transcriptErrors.busy(this.slots.max);
    try {
      const transcript = this.render(state, kind, lastSeq);
      transcript.pdf.once('close', release);
      return transcript;
    } catch (error) {
      release();
      throw error;
    }
  }

  /** What the widget shows of the e-mail option; end users, their own chat only. */
  async emailStatus(principal: Principal, sessionId: string): Promise<TranscriptEmailStatus> {
    const state = await this.ownChat(principal, sessionId);
    return this.statusOf(state);
  }

  /** The end user asks for (or no longer wants) the e-mail; when the chat already ended it goes out now. */
  async requestEmail(principal: Principal, sessionId: string, send: boolean): Promise<TranscriptEmailStatus> {
    const state = await this.ownChat(principal, sessionId);
    const before = await this.statusOf(state);
    if (send && !before.available) {
      const why = {
        settingOff: 'Your service desk does not send transcripts by e-mail; download it instead.',
        notConfigured: 'E-mail is not set up on this service desk; download the transcript instead.',
        noAddress: 'Your account has no e-mail address; download the transcript instead.',
      }[before.reason ?? 'settingOff'];
      throw transcriptErrors.emailUnavailable(before.reason ?? 'settingOff', why);
    }
    const claim = await this.records.request(sessionId, state.endUserId, send, this.now());
    if (claim) await this.deliver(claim).catch((error: unknown) => this.logger.warn({ err: error, sessionId }, 'transcript e-mail failed'));
    return this.statusOf(state);
  }

  /**
   * A chat ended (closed or abandoned) at `lastSeq`: its internal transcript
   * is attached to its ticket (R14), and the end user's e-mail goes out if
   * they asked for it. Safe to repeat (an event delivered twice).
   */
  async chatEnded(sessionId: string, lastSeq: number): Promise<void> {
    const state = (await this.reader.load(sessionId))?.state;
    if (!state) return;
    const now = this.now();
    if (state.ticket) await this.records.attach(state.ticket.ticketId, sessionId, lastSeq, now);
    const claim = await this.records.ended(sessionId, state.endUserId, lastSeq, now);
    if (claim) await this.deliver(claim);
  }

  /** Sends a claimed e-mail and records how it went; throws when the mail server refused it (it may be tried again). */
  private async deliver(claim: MailClaim): Promise<void> {
    try {
      const settings = await this.reference.settings();
      const address = await this.addressOf(claim.endUserId);
      const state = (await this.reader.load(claim.sessionId))?.state;
      // The setting was turned off or the address removed since the end user asked: nothing goes out.
      if (!settings.emailTranscripts || !address || !state || !this.mailer.configured) {
        await this.records.failed(claim.sessionId);
        this.logger.log({ sessionId: claim.sessionId }, 'transcript e-mail no longer possible (setting off, no address or no mail server); not sent');
        return;
      }
      const { pdf, fileName } = this.render(state, 'endUser', claim.lastSeq || state.version);
      await this.mailer.send({ to: address, endUserName: state.endUserName ?? state.endUserId, sessionId: claim.sessionId, fileName, pdf });
      await this.records.sent(claim.sessionId, this.now());
    } catch (error) {
      await this.records.failed(claim.sessionId).catch(() => undefined);
      throw error;
    }
  }

  private async ownChat(principal: Principal, sessionId: string): Promise<SessionState> {
    const state = (await this.reader.load(sessionId))?.state;
    if (!state) throw transcriptErrors.notFound();
    if (principal.role !== 'endUser' || state.endUserId !== principal.id) throw transcriptErrors.forbidden("Only the chat's end user chooses whether its transcript is e-mailed.");
    return state;
  }

  private async statusOf(state: SessionState): Promise<TranscriptEmailStatus> {
    const [settings, address, record] = await Promise.all([this.reference.settings(), this.addressOf(state.endUserId), this.records.mailOf(state.sessionId)]);
    const reason = !settings.emailTranscripts ? 'settingOff' : !this.mailer.configured ? 'notConfigured' : !address ? 'noAddress' : undefined;
    return {
      available: reason === undefined,
      ...(reason ? { reason } : {}),
      ...(address ? { address } : {}),
      requested: record?.requested ?? false,
      ...(record?.state === 'sent' && record.sentAt ? { sentAt: record.sentAt.toISOString() } : {}),
    };
  }

  /** The address on the end user's record: transcripts go nowhere else (ADR 15). */
  private async addressOf(endUserId: string): Promise<string | undefined> {
    const doc = await this.endUsers.findById(endUserId, { email: 1 }).lean();
    const email = doc?.email?.trim();
    return email ? email : undefined;
  }

  private render(state: SessionState, kind: TranscriptKind, lastSeq: number): OpenTranscript {
    const heading: TranscriptHeading = {
      kind,
      sessionId: state.sessionId,
      endUserName: state.endUserName ?? state.endUserId,
      companyId: state.companyId,
      startedAt: state.createdAt,
      ...(isTerminalStatus(state.status) && state.closedAt ? { closedAt: state.closedAt } : {}),
      status: state.status,
      ...(state.topic ? { topic: state.topic } : {}),
      ...(state.ticket ? { ticket: { ticketId: state.ticket.ticketId, summary: state.ticket.summary, status: state.ticket.status } } : {}),
      generatedAt: this.now().toISOString(),
      lastSeq,
    };
    const pdf = transcriptPdf(heading, this.pages(state.sessionId, kind, lastSeq), { timeZone: this.config.TRANSCRIPT_TIME_ZONE });
    return { fileName: transcriptFileName(state.sessionId, kind), pdf };
  }

  /** The chat's events 1..lastSeq as lines, TRANSCRIPT_PAGE_EVENTS events read at a time, oldest first. */
  private async *pages(sessionId: string, kind: TranscriptKind, lastSeq: number): AsyncGenerator<TranscriptLine[]> {
    for (let from = 1; from <= lastSeq; from += TRANSCRIPT_PAGE_EVENTS) {
      const before = Math.min(from + TRANSCRIPT_PAGE_EVENTS, lastSeq + 1);
      const page = await this.reader.history(sessionId, { beforeSeq: before, limit: before - from });
      if (!page) return;
      yield linesOf(
        kind,
        page.events.filter((e) => e.seq >= from && e.seq < before),
        this.config.TRANSCRIPT_TIME_ZONE,
      );
    }
  }
}
