import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { InjectModel } from '@nestjs/mongoose';
import type { ListQuery, Page, Subjects, TopicView } from '@switchboard/contracts';
import { TopicRecord } from '@switchboard/reference-data';
import { NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import type { Model } from 'mongoose';
import { QueuesService } from '../queues/queues.service';
import { AdminApiError } from '../shared/admin-api.error';
import { listPage, searchFilter } from '../shared/paging';
import { announceReferenceChange } from '../shared/reference-changes';

const toView = (doc: TopicRecord): TopicView => ({ id: doc._id, name: doc.name, queue: doc.queue });

@Injectable()
export class TopicsService {
  constructor(
    @InjectModel(TopicRecord.name) private readonly topics: Model<TopicRecord>,
    private readonly queues: QueuesService,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
  ) {}

  list(query: ListQuery): Promise<Page<TopicView>> {
    return listPage(this.topics, searchFilter<TopicRecord>(query.q, ['_id', 'name', 'queue']), query, { name: 1 }, toView);
  }

  async get(id: string): Promise<TopicView> {
    const doc = await this.topics.findById(id).lean();
    if (!doc) throw AdminApiError.notFound('Topic', id);
    return toView(doc);
  }

  async create(input: TopicView): Promise<TopicView> {
    await this.requireQueue(input.queue);
    if (await this.topics.exists({ _id: input.id })) throw AdminApiError.alreadyExists('Topic', input.id);
    const doc = await this.topics.create({ _id: input.id, name: input.name, queue: input.queue });
    await announceReferenceChange(this.nc, this.subjects);
    return toView(doc.toObject());
  }

  async update(id: string, input: Partial<Omit<TopicView, 'id'>>): Promise<TopicView> {
    if (input.queue !== undefined) await this.requireQueue(input.queue);
    const doc = await this.topics.findByIdAndUpdate(id, { $set: input }, { returnDocument: 'after' }).lean();
    if (!doc) throw AdminApiError.notFound('Topic', id);
    await announceReferenceChange(this.nc, this.subjects);
    return toView(doc);
  }

  async remove(id: string): Promise<void> {
    const { deletedCount } = await this.topics.deleteOne({ _id: id });
    if (deletedCount === 0) throw AdminApiError.notFound('Topic', id);
    await announceReferenceChange(this.nc, this.subjects);
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
