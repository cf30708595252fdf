import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { TopicView } from '@switchboard/contracts';
import { TopicRecord } from '@switchboard/reference-data';
import type { Model } from 'mongoose';
import { QueuesService } from '../queues/queues.service';
import { AdminApiError } from '../shared/admin-api.error';
import { RecordCollection } from '../shared/record-collection';
import { ReferenceChanges } from '../shared/reference-changes';

const toView = (doc: TopicRecord): TopicView => ({ id: doc._id, name: doc.name, queue: doc.queue, ...(doc.priority ? { priority: doc.priority } : {}) });

@Injectable()
export class TopicsService extends RecordCollection<TopicRecord, TopicView> {
  constructor(@InjectModel(TopicRecord.name) topics: Model<TopicRecord>, private readonly queues: QueuesService, changes: ReferenceChanges) {
    super(topics, { name: 'Topic', toView, search: ['_id', 'name', 'queue'], sort: { name: 1 }, changed: () => changes.announce() });
  }

  async create(input: TopicView): Promise<TopicView> {
    await this.requireQueue(input.queue);
    return this.insertNew({ _id: input.id, name: input.name, queue: input.queue, ...(input.priority !== undefined ? { priority: input.priority } : {}) });
  }

  async update(id: string, input: Partial<Omit<TopicView, 'id'>>): Promise<TopicView> {
    if (input.queue !== undefined) await this.requireQueue(input.queue);
    return this.change(id, { $set: input });
  }

  /** A topic maps to an existing queue (spec, Terms). */
  private async requireQueue(queue: string): Promise<void> {
    if (!(await this.queues.exists(queue))) {
      throw new AdminApiError(HttpStatus.BAD_REQUEST, 'UNKNOWN_QUEUE', `Queue "${queue}" does not exist; create it first.`, {
        field: 'queue',
      });
    }
  }
}
