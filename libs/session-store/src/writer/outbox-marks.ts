import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { OutboxMark, outboxMarkId } from '../schemas/outbox-mark.schema';

/** The partitions' outbox watermarks (A5), as stored: the chat actors' outbox reads and moves them. */
@Injectable()
export class OutboxMarks {
  constructor(@InjectModel(OutboxMark.name) private readonly marks: Model<OutboxMark>) {}

  /** The partition's watermark, if one was ever written. */
  async publishedBefore(partition: number): Promise<Date | undefined> {
    const mark = await this.marks.findById(outboxMarkId(partition), { publishedBefore: 1 }).lean();
    return mark?.publishedBefore;
  }

  /**
   * Moves the watermark unless a newer owner's (higher epoch) is there;
   * returns false in that case (the upsert met its `_id`).
   */
  async move(partition: number, epoch: number, publishedBefore: Date): Promise<boolean> {
    try {
      await this.marks.updateOne({ _id: outboxMarkId(partition), epoch: { $lte: epoch } }, { $set: { publishedBefore, epoch } }, { upsert: true });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }
}
