import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DEFAULT_QUEUE_POLICY, DEFAULT_SETTINGS, GENERAL_QUEUE, type AgentInfo, type EndUserInfo, type QueuePolicy, type Settings, type TopicInfo } from '@switchboard/domain';
import type { Model } from 'mongoose';
import { AgentRecord } from '../schemas/agent.schema';
import { CompanyRecord } from '../schemas/company.schema';
import { EndUserRecord } from '../schemas/end-user.schema';
import { SettingsRecord } from '../schemas/settings.schema';
import { QueueRecord, TopicRecord } from '../schemas/topic.schema';

export const SETTINGS_ID = 'global';

/**
 * Reads the reference data the domain decides with, mapped to the domain's
 * plain types (`toDomain`).
 */
@Injectable()
export class ReferenceDataRepository {
  constructor(
    @InjectModel(SettingsRecord.name) private readonly settingsModel: Model<SettingsRecord>,
    @InjectModel(AgentRecord.name) private readonly agents: Model<AgentRecord>,
    @InjectModel(EndUserRecord.name) private readonly endUsers: Model<EndUserRecord>,
    @InjectModel(TopicRecord.name) private readonly topicsModel: Model<TopicRecord>,
    @InjectModel(QueueRecord.name) private readonly queuesModel: Model<QueueRecord>,
    @InjectModel(CompanyRecord.name) private readonly companies: Model<CompanyRecord>,
  ) {}

  async settings(): Promise<Settings> {
    const doc = await this.settingsModel.findById(SETTINGS_ID).lean();
    if (!doc) return DEFAULT_SETTINGS;
    return {
      supportQueues: doc.supportQueues,
      useTopics: doc.useTopics,
      companyFilter: doc.companyFilter,
      agentAutoAccept: doc.agentAutoAccept,
      remoteControlConsoleUrl: doc.remoteControlConsoleUrl ?? '',
      maxConcurrentChatsPerAgent: doc.maxConcurrentChatsPerAgent ?? 0,
      maskPatterns: doc.maskPatterns ?? [],
      emailTranscripts: doc.emailTranscripts ?? false,
      attachmentMaxBytes: doc.attachmentMaxBytes ?? DEFAULT_SETTINGS.attachmentMaxBytes,
      attachmentTypes: doc.attachmentTypes ?? DEFAULT_SETTINGS.attachmentTypes,
      offerDeclineReasons: doc.offerDeclineReasons?.length ? doc.offerDeclineReasons : DEFAULT_SETTINGS.offerDeclineReasons,
      dispositionCodes: doc.dispositionCodes?.length ? doc.dispositionCodes : DEFAULT_SETTINGS.dispositionCodes,
      agentIdleMinutes: doc.agentIdleMinutes ?? DEFAULT_SETTINGS.agentIdleMinutes,
      offerLapsePresence: doc.offerLapsePresence ?? DEFAULT_SETTINGS.offerLapsePresence,
    };
  }

  async agentProfiles(ids: readonly string[]): Promise<AgentProfile[]> {
    if (ids.length === 0) return [];
    const docs = await this.agents.find({ _id: { $in: [...new Set(ids)] } }).lean();
    return docs.map(toAgentProfile);
  }

  /** Every agent's profile (the router keeps them all in memory). */
  async allAgentProfiles(): Promise<AgentProfile[]> {
    const docs = await this.agents.find().lean();
    return docs.map(toAgentProfile);
  }

  async endUser(id: string): Promise<EndUserInfo | undefined> {
    const doc = await this.endUsers.findById(id).lean();
    if (!doc) return undefined;
    // Issue 15: the company's priority comes with the end user (a chat starts with the higher).
    const company = await this.companies.findById(doc.companyId, { priority: 1 }).lean();
    return {
      id: doc._id,
      companyId: doc.companyId,
      displayName: doc.displayName,
      assets: (doc.assets ?? []).map((a) => ({ id: a.id, name: a.name, deviceId: a.deviceId })),
      ...(doc.priority ? { priority: doc.priority } : {}),
      ...(company?.priority ? { companyPriority: company.priority } : {}),
    };
  }

  async topics(): Promise<TopicInfo[]> {
    const docs = await this.topicsModel.find().lean();
    return docs.map((t) => ({ id: t._id, name: t.name, queue: t.queue, ...(t.priority ? { priority: t.priority } : {}) }));
  }

  /** The policies of the queues that have a record (`General` has one from the gateway's start). */
  async queuePolicies(): Promise<Array<QueuePolicy & { name: string }>> {
    const docs = await this.queuesModel
      .find({}, { _id: 1, firstReplySeconds: 1, offerSeconds: 1, wrapUpSeconds: 1, dispositionRequired: 1, userInactivityWarnSeconds: 1, userInactivityCloseSeconds: 1, userLeftCloseSeconds: 1, openingHours: 1, maxWaitSeconds: 1, overflowQueue: 1 })
      .lean();
    return docs.map((q) => ({
      name: q._id,
      firstReplySeconds: q.firstReplySeconds ?? DEFAULT_QUEUE_POLICY.firstReplySeconds,
      offerSeconds: q.offerSeconds ?? DEFAULT_QUEUE_POLICY.offerSeconds,
      wrapUpSeconds: q.wrapUpSeconds ?? DEFAULT_QUEUE_POLICY.wrapUpSeconds,
      dispositionRequired: q.dispositionRequired ?? DEFAULT_QUEUE_POLICY.dispositionRequired,
      userInactivityWarnSeconds: q.userInactivityWarnSeconds ?? 0,
      userInactivityCloseSeconds: q.userInactivityCloseSeconds ?? 0,
      userLeftCloseSeconds: q.userLeftCloseSeconds ?? 0,
      // Issue 15: opening hours, maximum wait and overflow.
      ...(q.openingHours ? { openingHours: q.openingHours } : {}),
      maxWaitSeconds: q.maxWaitSeconds ?? 0,
      overflowQueue: q.overflowQueue ?? '',
    }));
  }

  async queueNames(): Promise<string[]> {
    const docs = await this.queuesModel.find({}, { _id: 1 }).lean();
    return [...new Set([GENERAL_QUEUE, ...docs.map((q) => q._id)])];
  }
}

/** What the agents collection knows of an agent: everything but the live fields. */
export type AgentProfile = Omit<AgentInfo, 'presence' | 'load' | 'idleSince'>;

export function toAgentProfile(doc: AgentRecord): AgentProfile {
  return {
    id: doc._id,
    displayName: doc.displayName,
    queues: doc.queues ?? [],
    companies: doc.companies ?? [],
    cap: doc.cap || undefined,
    ...(doc.supervisedQueues && doc.supervisedQueues.length > 0 ? { supervisedQueues: doc.supervisedQueues } : {}),
  };
}
