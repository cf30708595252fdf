import { Injectable } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { ChatReceipts, ReceiptMark, ReceiptSide } from '@switchboard/contracts';
import { mergeMark, NO_RECEIPTS } from '@switchboard/domain';
import type { Model } from 'mongoose';

/**
 * A chat's receipts (issue 17, ADR 19): `chat_receipts`, one document per
 * session (`_id` = session id), four numbers whatever the chat's length.
 * Every write is one `$max` per mark: any gateway may write in any order,
 * again and again, and the document only grows to the greatest marks sent.
 */
@Schema({ collection: 'chat_receipts', versionKey: false })
export class ChatReceiptRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Object })
  endUser?: Partial<ReceiptMark>;

  @Prop({ type: Object })
  agent?: Partial<ReceiptMark>;
}
export const ChatReceiptRecordSchema = SchemaFactory.createForClass(ChatReceiptRecord);

@Injectable()
export class ReceiptsStore {
  constructor(@InjectModel(ChatReceiptRecord.name) private readonly records: Model<ChatReceiptRecord>) {}

  async of(sessionId: string): Promise<ChatReceipts> {
    return receiptsOf(await this.records.findById(sessionId).lean());
  }

  /**
   * Raises one side's marks (seen implies delivered). Returns the receipts
   * before and after: `after` is at least what is stored now (a concurrent
   * raise may have gone further; it reports its own).
   */
  async raise(sessionId: string, side: ReceiptSide, mark: Partial<ReceiptMark>): Promise<{ before: ChatReceipts; after: ChatReceipts }> {
    const wanted = mergeMark({ delivered: 0, seen: 0 }, mark);
    const update = { $max: { [`${side}.delivered`]: wanted.delivered, [`${side}.seen`]: wanted.seen } };
    const run = () => this.records.findOneAndUpdate({ _id: sessionId }, update, { upsert: true, returnDocument: 'before' }).lean();
    let doc;
    try {
      doc = await run();
    } catch (error) {
      // Two first raises of one chat at once: the upsert that lost the race on `_id` updates the document now there.
      if ((error as { code?: unknown }).code !== 11000) throw error;
      doc = await run();
    }
    const before = receiptsOf(doc);
    return { before, after: { ...before, [side]: mergeMark(before[side], wanted) } };
  }
}

function receiptsOf(doc: { endUser?: Partial<ReceiptMark>; agent?: Partial<ReceiptMark> } | null | undefined): ChatReceipts {
  return {
    endUser: mergeMark(NO_RECEIPTS.endUser, doc?.endUser ?? {}),
    agent: mergeMark(NO_RECEIPTS.agent, doc?.agent ?? {}),
  };
}
