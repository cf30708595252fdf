import { Injectable } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Model } from 'mongoose';

/**
 * The e-mail of one chat's transcript (`chat_transcript_mail`, one document
 * per session, `_id` = session id): whether the end user asked for it, whether
 * the chat has ended, and where the sending stands. It is sent once both are
 * true, by whichever gateway sets the second first and wins the claim
 * (single-document atomic updates; no transaction needed).
 */
@Schema({ collection: 'chat_transcript_mail', versionKey: false })
export class TranscriptMailRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  endUserId!: string;

  @Prop({ type: Boolean, default: false })
  requested!: boolean;

  @Prop({ type: Date })
  requestedAt?: Date;

  /** The chat ended (closed or abandoned); the transcript holds seq 1 to `lastSeq`. */
  @Prop({ type: Date })
  endedAt?: Date;

  @Prop({ type: Number })
  lastSeq?: number;

  @Prop({ type: String, enum: ['sending', 'sent', 'failed'] })
  state?: 'sending' | 'sent' | 'failed';

  @Prop({ type: Date })
  claimedAt?: Date;

  @Prop({ type: Date })
  sentAt?: Date;

  @Prop({ type: Number, default: 0 })
  attempts!: number;
}
export const TranscriptMailRecordSchema = SchemaFactory.createForClass(TranscriptMailRecord);

/**
 * The internal transcript attached to a ticket (R14; `ticket_transcripts`,
 * `_id` = ticket id, at most one ticket per chat). The chat's history after
 * it ended does not change, so the attachment names the events it holds
 * (`lastSeq`) and is written from the event log when fetched: nothing is
 * stored twice.
 */
@Schema({ collection: 'ticket_transcripts', versionKey: false })
export class TicketTranscriptRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  sessionId!: string;

  @Prop({ type: Number, required: true })
  lastSeq!: number;

  @Prop({ type: Date, required: true })
  attachedAt!: Date;
}
export const TicketTranscriptRecordSchema = SchemaFactory.createForClass(TicketTranscriptRecord);

/** A claimed e-mail: send it, then `sent` or `failed`. */
export interface MailClaim {
  sessionId: string;
  endUserId: string;
  lastSeq: number;
}

/** A claim older than this is taken to belong to a gateway that died while sending; another may take it. */
export const MAIL_CLAIM_STALE_MS = 5 * 60_000;

/** The records of transcripts: the e-mail's state per chat and the transcripts attached to tickets. */
@Injectable()
export class TranscriptRecords {
  constructor(
    @InjectModel(TranscriptMailRecord.name) private readonly mail: Model<TranscriptMailRecord>,
    @InjectModel(TicketTranscriptRecord.name) private readonly tickets: Model<TicketTranscriptRecord>,
  ) {}

  async mailOf(sessionId: string): Promise<TranscriptMailRecord | undefined> {
    return (await this.mail.findById(sessionId).lean()) ?? undefined;
  }

  /** The end user's choice; a claim when the chat already ended and the e-mail is now due. */
  async request(sessionId: string, endUserId: string, send: boolean, now: Date): Promise<MailClaim | undefined> {
    await upsert(() => this.mail.updateOne({ _id: sessionId }, { $set: { endUserId, requested: send, requestedAt: now } }, { upsert: true }));
    return send ? this.claim(sessionId, now) : undefined;
  }

  /** The chat ended at `lastSeq`; a claim when the end user asked for the e-mail. */
  async ended(sessionId: string, endUserId: string, lastSeq: number, now: Date): Promise<MailClaim | undefined> {
    await upsert(() => this.mail.updateOne({ _id: sessionId }, { $set: { endedAt: now, lastSeq }, $setOnInsert: { endUserId, requested: false } }, { upsert: true }));
    return this.claim(sessionId, now);
  }

  /** Takes the sending when it is due and nobody holds it (or the holder's claim went stale). */
  private async claim(sessionId: string, now: Date): Promise<MailClaim | undefined> {
    const stale = new Date(now.getTime() - MAIL_CLAIM_STALE_MS);
    const doc = await this.mail
      .findOneAndUpdate(
        {
          _id: sessionId,
          requested: true,
          endedAt: { $exists: true },
          $or: [{ state: { $exists: false } }, { state: 'failed' }, { state: 'sending', claimedAt: { $lt: stale } }],
        },
        { $set: { state: 'sending', claimedAt: now }, $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      )
      .lean();
    return doc ? { sessionId, endUserId: doc.endUserId, lastSeq: doc.lastSeq ?? 0 } : undefined;
  }

  async sent(sessionId: string, now: Date): Promise<void> {
    await this.mail.updateOne({ _id: sessionId, state: 'sending' }, { $set: { state: 'sent', sentAt: now } });
  }

  async failed(sessionId: string): Promise<void> {
    await this.mail.updateOne({ _id: sessionId, state: 'sending' }, { $set: { state: 'failed' } });
  }

  /** R14: the chat's internal transcript (seq 1 to `lastSeq`) is attached to its ticket; a second call changes nothing. */
  async attach(ticketId: string, sessionId: string, lastSeq: number, now: Date): Promise<void> {
    await upsert(() => this.tickets.updateOne({ _id: ticketId }, { $setOnInsert: { sessionId, lastSeq, attachedAt: now } }, { upsert: true }));
  }

  async ticketTranscript(ticketId: string): Promise<TicketTranscriptRecord | undefined> {
    return (await this.tickets.findById(ticketId).lean()) ?? undefined;
  }
}

/** An upsert that lost a race to another one on the same `_id` (duplicate key) is tried once more: it then updates. */
async function upsert(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if ((error as { code?: unknown }).code !== 11000) throw error;
    await run();
  }
}
