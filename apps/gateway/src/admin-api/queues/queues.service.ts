import { HttpStatus, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { InjectModel } from '@nestjs/mongoose';
import type { ListQuery, Page, queueCreateSchema, queueUpdateSchema, QueueView, Subjects } from '@switchboard/contracts';
import { GENERAL_QUEUE } from '@switchboard/domain';
import { AgentRecord, QueueRecord, TopicRecord } from '@switchboard/reference-data';
import { NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import type { Model } from 'mongoose';
import type { z } from 'zod';
import { AdminApiError } from '../shared/admin-api.error';
import { listPage, searchFilter } from '../shared/paging';
import { ReferenceChanges } from '../shared/reference-changes';

/** What the admin API accepted (its contract, ADR 7): every policy field of a queue, new ones included, without a list kept here. */
type QueueCreateInput = z.infer<typeof queueCreateSchema>;
type QueueUpdateInput = z.infer<typeof queueUpdateSchema>;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

@Injectable()
export class QueuesService implements OnApplicationBootstrap {
  constructor(
    @InjectModel(QueueRecord.name) private readonly queues: Model<QueueRecord>,
    @InjectModel(TopicRecord.name) private readonly topics: Model<TopicRecord>,
    @InjectModel(AgentRecord.name) private readonly agents: Model<AgentRecord>,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    private readonly changes: ReferenceChanges,
  ) {}

  /** `General` always exists (spec, Terms): created on start if missing; an insert, so racing gateways agree. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queues
      .create({ _id: GENERAL_QUEUE, description: 'Default queue: every chat when Support Queues is off' })
      .catch((error: { code?: number }) => {
        if (error.code !== 11000) throw error;
      });
  }

  async list(query: ListQuery): Promise<Page<QueueView>> {
    const page = await listPage(this.queues, searchFilter<QueueRecord>(query.q, ['_id', 'description']), query, { _id: 1 }, (doc) => doc);
    return { ...page, items: await Promise.all(page.items.map((doc) => this.view(doc))) };
  }

  async get(name: string): Promise<QueueView> {
    const doc = await this.queues.findById(name).lean();
    if (!doc) throw AdminApiError.notFound('Queue', name);
    return this.view(doc);
  }

  async create(input: QueueCreateInput): Promise<QueueView> {
    // Names differing only in case would confuse people and routing alike.
    const clash = await this.queues.findOne({ _id: { $regex: `^${escape(input.name)}$`, $options: 'i' } }).lean();
    if (clash) throw AdminApiError.alreadyExists('Queue', clash._id);
    await this.checkOverflow(input.name, input.overflowQueue);
    const { name, ...fields } = input;
    const doc = await this.queues.create({ _id: name, ...fields }).catch((error: { code?: number }) => {
      throw error.code === 11000 ? AdminApiError.alreadyExists('Queue', input.name) : error;
    });
    await this.changes.announce();
    return this.view(doc.toObject());
  }

  async update(name: string, input: QueueUpdateInput): Promise<QueueView> {
    await this.checkOverflow(name, input.overflowQueue);
    // Issue 15: null removes the opening hours (the queue is then always open).
    const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== null));
    const unset = input.openingHours === null ? { $unset: { openingHours: 1 } } : {};
    const doc = await this.queues.findByIdAndUpdate(name, { $set: changes, ...unset }, { returnDocument: 'after' }).lean();
    if (!doc) throw AdminApiError.notFound('Queue', name);
    // The chat-actors keep queue policies in their reference cache (ADR 8): the change reaches them now.
    await this.changes.announce();
    return this.view(doc);
  }

  /**
   * `General` cannot go; a queue that topics route to cannot either (their
   * chats would have nowhere to wait). Agents simply stop serving it.
   */
  async remove(name: string): Promise<void> {
    if (name === GENERAL_QUEUE) {
      throw new AdminApiError(HttpStatus.CONFLICT, 'QUEUE_PROTECTED', 'The General queue always exists and cannot be deleted.');
    }
    const doc = await this.queues.findById(name).lean();
    if (!doc) throw AdminApiError.notFound('Queue', name);
    const topics = await this.topics.find({ queue: name }, { name: 1 }).lean();
    if (topics.length > 0) {
      throw new AdminApiError(
        HttpStatus.CONFLICT,
        'QUEUE_IN_USE',
        `Topics route to this queue (${topics.map((t) => t.name).join(', ')}); map them to another queue first.`,
        { topics: topics.map((t) => t._id) },
      );
    }
    await this.queues.deleteOne({ _id: name });
    await this.agents.updateMany({ queues: name }, { $pull: { queues: name } });
    // Issue 16: nor does anyone supervise it any longer.
    await this.agents.updateMany({ supervisedQueues: name }, { $pull: { supervisedQueues: name } });
    // Agents lost the queue: routers and gateways reload profiles; the chat actors drop their queue list.
    this.nc.publish(this.subjects.agentProfilesChanged);
    await this.changes.announce();
  }

  /** Issue 15: a chat overflows to another queue that exists (or nowhere: ''). */
  private async checkOverflow(name: string, overflow: string | undefined): Promise<void> {
    if (overflow === undefined || overflow === '') return;
    if (overflow === name) throw AdminApiError.validation('A queue cannot overflow to itself.', { field: 'overflowQueue' });
    if (!(await this.exists(overflow))) throw AdminApiError.validation(`Queue ${overflow} does not exist.`, { field: 'overflowQueue' });
  }

  /** Whether a queue exists (`General` always does). */
  async exists(name: string): Promise<boolean> {
    return name === GENERAL_QUEUE || (await this.queues.exists({ _id: name })) !== null;
  }

  private async view(doc: QueueRecord): Promise<QueueView> {
    const [topics, agents] = await Promise.all([
      this.topics.countDocuments({ queue: doc._id }),
      this.agents.countDocuments({ queues: doc._id }),
    ]);
    return {
      name: doc._id,
      description: doc.description ?? '',
      firstReplySeconds: doc.firstReplySeconds ?? 0,
      offerSeconds: doc.offerSeconds ?? 0,
      wrapUpSeconds: doc.wrapUpSeconds ?? 0,
      dispositionRequired: doc.dispositionRequired ?? false,
      userInactivityWarnSeconds: doc.userInactivityWarnSeconds ?? 0,
      userInactivityCloseSeconds: doc.userInactivityCloseSeconds ?? 0,
      userLeftCloseSeconds: doc.userLeftCloseSeconds ?? 0,
      ...(doc.openingHours ? { openingHours: doc.openingHours } : {}),
      maxWaitSeconds: doc.maxWaitSeconds ?? 0,
      overflowQueue: doc.overflowQueue ?? '',
      protected: doc._id === GENERAL_QUEUE,
      topics,
      agents,
    };
  }
}
