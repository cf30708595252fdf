import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { PartitionEpoch, partitionEpochId } from '../schemas/partition-epoch.schema';

/** Draws that all met a newer epoch drawn at the same time: only a storm of owners could, and a retry of the acquisition follows. */
const MAX_DRAWS = 8;
/**
 * Epochs drawn longer ago than this (and not the newest) are deleted. A
 * draw reads the newest and inserts the next: an epoch deleted while a
 * draw was between the two could be drawn twice, so only epochs much older
 * than any draw may go.
 */
export const EPOCHS_KEPT_MS = 10 * 60_000;
/** A draw slower than this is not used (the acquisition is tried again): it might have read before a deletion. */
const DRAW_LIMIT_MS = 60_000;

/**
 * The chat partitions' fencing epochs (ADR 2, issue 18), drawn from the
 * database at each acquisition. Commits, snapshots and outbox watermarks
 * carry the epoch, and a newer owner's must be larger. The lease's KV
 * revision gave that only while the lease stream kept every acknowledged
 * write: in the chaos run a NATS node that came back behind became the
 * bucket's leader and revisions went back by thousands. An epoch drawn here
 * is above every one drawn before for the partition, whatever NATS lost:
 * each draw is an insert with a unique id, which FerretDB keeps exclusive
 * (its updates are not atomic). Bounded: a partition keeps its newest epoch
 * and those drawn in the last EPOCHS_KEPT_MS.
 */
@Injectable()
export class PartitionEpochs {
  constructor(@InjectModel(PartitionEpoch.name) private readonly epochs: Model<PartitionEpoch>) {}

  /** A new epoch for `partition`, at least `atLeast` and above every epoch drawn for it before. */
  async draw(partition: number, atLeast: number, owner: string, now: () => Date = () => new Date()): Promise<number> {
    const began = now();
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const newest = await this.newest(partition);
      const epoch = Math.max(atLeast, (newest ?? 0) + 1);
      try {
        await this.epochs.create({ _id: partitionEpochId(partition, epoch), partition, epoch, owner, at: now() });
      } catch (error) {
        if ((error as { code?: number }).code === 11000) continue;
        throw error;
      }
      if (now().getTime() - began.getTime() > DRAW_LIMIT_MS) throw new Error(`Partition ${partition}: drawing a fencing epoch took over ${DRAW_LIMIT_MS} ms`);
      // Old epochs go (a failure here is made up by a later draw).
      await this.epochs.deleteMany({ partition, epoch: { $lt: epoch }, at: { $lt: new Date(began.getTime() - EPOCHS_KEPT_MS) } }).catch(() => undefined);
      return epoch;
    }
    throw new Error(`Partition ${partition}: no fencing epoch drawn in ${MAX_DRAWS} attempts (others kept drawing newer ones)`);
  }

  /** The newest epoch drawn for `partition`, if any. */
  async newest(partition: number): Promise<number | undefined> {
    const top = await this.epochs.findOne({ partition }, { epoch: 1 }).sort({ epoch: -1 }).lean();
    return top?.epoch;
  }
}
