import type { ChatCommandResult, Reply, SessionCommandMessage } from '@switchboard/contracts';
import type { ChatCluster } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { storedSession, type StoredSessionView } from './stored-session';

export interface AcknowledgedCommand {
  sessionId: string;
  commandId: string;
  type: string;
  /** Version of the session after the command, as the reply said. */
  version: number;
}

export interface ServedAfter {
  sessionId: string;
  /** When a command that was sent after `since` got its answer. */
  answeredAt: number;
}

/**
 * A mixed load as agents and end users make it: each worker owns one session
 * and loops accept, agent message, end-user message, side note, release. It
 * records every acknowledged command, and every unexpected refusal.
 */
export class MixedLoad {
  readonly acknowledged: AcknowledgedCommand[] = [];
  readonly unexpected: string[] = [];
  readonly answers: Array<{ sessionId: string; sentAt: number; answeredAt: number }> = [];
  private running = false;
  private workers: Promise<void>[] = [];
  readonly sessionIds: string[] = [];
  private readonly users = new Map<string, string>();

  userOf(sessionId: string): string {
    return this.users.get(sessionId)!;
  }

  constructor(
    private readonly cluster: ChatCluster,
    private readonly endUsers: string[],
    private readonly agents: string[],
  ) {}

  async start(): Promise<void> {
    this.running = true;
    for (const [i, user] of this.endUsers.entries()) {
      const start = this.cluster.startCommand(user);
      const reply = await this.send(start);
      if (!reply.ok) throw new Error(`start failed: ${reply.error.code}`);
      this.sessionIds.push(reply.data.sessionId);
      this.users.set(reply.data.sessionId, user);
      this.workers.push(this.work(reply.data.sessionId, user, this.agents[i % this.agents.length]!));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  private async work(sessionId: string, user: string, agent: string): Promise<void> {
    const asAgent = { role: 'agent' as const, id: agent };
    const asUser = { role: 'endUser' as const, id: user };
    const steps: Array<Omit<SessionCommandMessage, 'commandId' | 'sessionId'>> = [
      { type: 'AcceptSession', actor: asAgent },
      { type: 'PostMessage', actor: asAgent, text: 'How can I help?' },
      { type: 'PostMessage', actor: asUser, text: 'VPN is down' },
      { type: 'AddSideNote', actor: asAgent, text: 'probably the token' },
      { type: 'ReleaseSession', actor: asAgent },
    ] as never;
    for (let i = 0; this.running; i++) {
      const step = steps[i % steps.length]!;
      await this.send({ ...step, commandId: randomUUID(), sessionId } as SessionCommandMessage);
    }
  }

  private async send(command: SessionCommandMessage): Promise<Reply<ChatCommandResult>> {
    const sentAt = Date.now();
    const reply = await this.cluster.client.send(command);
    const answeredAt = Date.now();
    if (reply.ok) {
      this.acknowledged.push({ sessionId: reply.data.sessionId, commandId: command.commandId, type: command.type, version: reply.data.version });
      this.answers.push({ sessionId: reply.data.sessionId, sentAt, answeredAt });
    } else {
      this.unexpected.push(`${command.type} ${command.sessionId}: ${reply.error.code} ${reply.error.message}`);
    }
    return reply;
  }
}

/** Checks the final stored state against everything that was acknowledged. */
export async function verifyAcknowledged(cluster: ChatCluster, load: MixedLoad): Promise<void> {
  // One record per session id.
  expect(await cluster.db.collection('chat_sessions').countDocuments({ _id: { $in: load.sessionIds as never[] } })).toBe(load.sessionIds.length);
  const byId = new Map<string, StoredSessionView>();
  for (const id of load.sessionIds) byId.set(id, (await storedSession(cluster.db, id))!);
  const missing: string[] = [];
  for (const ack of load.acknowledged) {
    const state = byId.get(ack.sessionId)!;
    if (ack.type !== 'StartSession' && !state.history.some((e) => e.commandId === ack.commandId)) missing.push(`${ack.type} ${ack.commandId}`);
  }
  expect(missing).toEqual([]);
  for (const [id, state] of byId) {
    // Never two owners, never an owner in the wrong status.
    if (state.status === 'ASSIGNED') expect({ id, owner: typeof state.ownerAgentId }).toEqual({ id, owner: 'string' });
    else expect({ id, owner: state.ownerAgentId }).toEqual({ id, owner: undefined });
    expect(state.history.map((e) => e.seq)).toEqual(state.history.map((_, i) => i + 1));
  }
}
