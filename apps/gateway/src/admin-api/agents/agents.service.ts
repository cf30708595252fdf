import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { InjectModel } from '@nestjs/mongoose';
import type { AgentView, Subjects } from '@switchboard/contracts';
import { AgentRecord } from '@switchboard/reference-data';
import { NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import type { Model } from 'mongoose';
import { CompaniesService } from '../companies/companies.service';
import { QueuesService } from '../queues/queues.service';
import { AdminApiError } from '../shared/admin-api.error';
import { RecordCollection } from '../shared/record-collection';

const toView = (doc: AgentRecord): AgentView => ({
  id: doc._id,
  displayName: doc.displayName,
  queues: doc.queues ?? [],
  companies: doc.companies ?? [],
  cap: doc.cap ?? 0,
  ...(doc.supervisedQueues && doc.supervisedQueues.length > 0 ? { supervisedQueues: doc.supervisedQueues } : {}),
  // Only a disabled user carries the flag: views of enabled ones keep their shape.
  ...(doc.disabled === true ? { disabled: true } : {}),
});

/** Only the agent's profile: presence and load are live state kept elsewhere (agent state KV). */
const PROFILE = { _id: 1, displayName: 1, queues: 1, companies: 1, cap: 1, supervisedQueues: 1, disabled: 1 } as const;

@Injectable()
export class AgentsService extends RecordCollection<AgentRecord, AgentView> {
  constructor(
    @InjectModel(AgentRecord.name) agents: Model<AgentRecord>,
    private readonly queues: QueuesService,
    private readonly companies: CompaniesService,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(SUBJECTS) subjects: Subjects,
  ) {
    // Routers and gateways keep profiles in memory: tell them before answering (like settings, A9).
    const changed = async () => {
      nc.publish(subjects.agentProfilesChanged);
      await nc.flush();
    };
    super(agents, { name: 'Agent', toView, search: ['_id', 'displayName', 'queues', 'companies'], sort: { displayName: 1 }, changed });
  }

  override get(id: string): Promise<AgentView> {
    return super.get(id, PROFILE);
  }

  async create(input: AgentView): Promise<AgentView> {
    await this.checkMemberships(input);
    const { id, ...profile } = input;
    return this.insertNew({ _id: id, ...profile });
  }

  async update(id: string, input: Partial<Omit<AgentView, 'id'>>): Promise<AgentView> {
    await this.checkMemberships(input);
    return this.change(id, { $set: input });
  }

  private async checkMemberships(input: { queues?: string[]; supervisedQueues?: string[]; companies?: string[] }): Promise<void> {
    for (const field of ['queues', 'supervisedQueues'] as const) {
      for (const queue of input[field] ?? []) {
        if (!(await this.queues.exists(queue))) {
          throw new AdminApiError(HttpStatus.BAD_REQUEST, 'UNKNOWN_QUEUE', `Queue "${queue}" does not exist.`, { field });
        }
      }
    }
    if (input.companies) await this.companies.requireAll(input.companies, 'companies');
  }
}
