import { SwitchboardClient, type CommandResult } from '@switchboard/client';
import type { CommandPayload, CommandType } from '@switchboard/contracts';
import { SignJWT } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import type { CommandRecord } from '../checker/evidence';
import type { Random } from '../harness/random';

/**
 * The command id the gateway gives a frame: the principal's hash and the
 * frame's clientId (apps/gateway chat-commands.service.ts, `commandIdOf`).
 * Written out here so that the checker can find each acknowledged command
 * in the stored events without asking the gateway.
 */
export function commandIdOf(principal: { role: string; id: string }, clientId: string): string {
  const who = createHash('sha256').update(`${principal.role}:${principal.id}`).digest('base64url').slice(0, 16);
  return `${who}.${clientId}`;
}

export interface LoadOptions {
  /** Base URLs (`http://127.0.0.1:port`) of the gateways that are up now: a client connects (again) to one of them. */
  gateways: () => string[];
  /** The HS256 secret the gateways verify tokens with. */
  tokenSecret: string;
  endUsers: readonly string[];
  agents: readonly string[];
  topics: readonly string[];
  /** Pause between one person's actions. */
  thinkMs: readonly [number, number];
  random: Random;
  log: (line: string) => void;
  /** The clients' `silenceTimeoutMs` (a gateway cut off by the network answers nothing); the client's default when absent. */
  silenceTimeoutMs?: number;
}

/** A client's hello: when it (re)connected, and to which gateway. */
export interface Connection {
  readonly person: string;
  readonly gateway: string;
  readonly at: number;
}

/** What the clients wrote down: every session command sent, with its answer. */
export class ChaosLoad {
  readonly commands: CommandRecord[] = [];
  /** Every hello of every client, in order. */
  readonly connections: Connection[] = [];
  private running = false;
  private readonly loops: Promise<void>[] = [];
  private readonly people: Person[] = [];
  private readonly key: Uint8Array;

  constructor(private readonly options: LoadOptions) {
    this.key = new TextEncoder().encode(options.tokenSecret);
  }

  /** Connects every end user and agent (agents first, so that chats find them), then starts their loops. */
  async start(): Promise<void> {
    this.running = true;
    const agents = this.options.agents.map((id, i) => new Person(this, 'agent', id, i));
    const users = this.options.endUsers.map((id, i) => new Person(this, 'endUser', id, i));
    this.people.push(...agents, ...users);
    for (const p of this.people) await p.connect();
    for (const a of agents) this.loops.push(this.agentLoop(a));
    for (const u of users) this.loops.push(this.endUserLoop(u));
  }

  /** Stops every loop after its current action (whose answer it waits for), then closes the connections. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    for (const p of this.people) p.client.close();
  }

  /** The people whose latest connection is to `gateway`. */
  connectedTo(gateway: string): string[] {
    const latest = new Map<string, string>();
    for (const c of this.connections) latest.set(c.person, c.gateway);
    return [...latest].filter(([, g]) => g === gateway).map(([person]) => person);
  }

  get silenceTimeoutMs(): number | undefined {
    return this.options.silenceTimeoutMs;
  }

  get isRunning(): boolean {
    return this.running;
  }

  token(role: 'endUser' | 'agent', id: string): Promise<string> {
    return new SignJWT({ role, name: id })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(id)
      .setIssuer('switchboard')
      .setAudience('switchboard')
      .setIssuedAt()
      .setExpirationTime('4h')
      .sign(this.key);
  }

  gatewayFor(home: number): string {
    const up = this.options.gateways();
    if (up.length === 0) throw new Error('no gateway is up');
    return up[home % up.length]!;
  }

  get random(): Random {
    return this.options.random;
  }

  private think(): Promise<void> {
    const [min, max] = this.options.thinkMs;
    return new Promise((done) => setTimeout(done, this.random.between(min, max)));
  }

  /** R1, R11: start a chat (a topic of its choice), talk in it, sometimes cancel; start again once it is over. */
  private async endUserLoop(me: Person): Promise<void> {
    let sessionId: string | undefined;
    while (this.running) {
      await this.think();
      if (!this.running) break;
      if (!sessionId) {
        const topic = this.random.pick(this.options.topics);
        const r = await me.send('session.start', { description: `Chaos chat of ${me.id}`, topic });
        if (r.ok) sessionId = r.data.session.status === 'CLOSED' || r.data.session.status === 'ABANDONED' || r.data.session.cancelledByUser ? undefined : r.data.session.sessionId;
        continue;
      }
      if (this.random.chance(0.08)) {
        await me.send('session.cancel', { sessionId }, sessionId);
        sessionId = undefined;
        continue;
      }
      const r = await me.send('session.post', { sessionId, text: `message ${randomUUID().slice(0, 8)}` }, sessionId);
      if (!r.ok && !['TIMEOUT', 'UNAVAILABLE', 'RATE_LIMITED', 'TOO_MANY_REQUESTS'].includes(r.error.code)) sessionId = undefined;
    }
  }

  /**
   * R3 to R10: accept what was transferred to it; on its own chats post,
   * write side notes, transfer to another agent or to a queue, release, end
   * or abandon. Automatic assignment (R4) brings it new chats.
   */
  private async agentLoop(me: Person): Promise<void> {
    while (this.running) {
      await this.think();
      if (!this.running) break;
      const lists = await me.client.command('agent.lists', {});
      if (!lists.ok) continue;
      const transferred = lists.data.transferred.filter((s) => s.transferTargetAgentId === me.id);
      if (transferred.length > 0 && this.random.chance(0.7)) {
        const s = this.random.pick(transferred);
        await me.send('session.accept', { sessionId: s.sessionId }, s.sessionId);
        continue;
      }
      const mine = lists.data.myChats.filter((s) => s.ownerAgentId === me.id && s.status === 'ASSIGNED');
      if (mine.length === 0) continue;
      const s = this.random.pick(mine);
      const sessionId = s.sessionId;
      const roll = this.random.next();
      if (s.cancelledByUser) await me.send(roll < 0.5 ? 'session.end' : 'session.abandon', { sessionId }, sessionId);
      else if (roll < 0.45) await me.send('session.post', { sessionId, text: `answer ${randomUUID().slice(0, 8)}` }, sessionId);
      else if (roll < 0.55) await me.send('session.sideNote', { sessionId, text: 'checked the logs' }, sessionId);
      else if (roll < 0.65) {
        const targets = await me.client.command('session.transferTargets', { sessionId });
        if (targets.ok && targets.data.agents.length > 0) {
          const target = this.random.pick(targets.data.agents);
          await me.send('session.transferToAgent', { sessionId, targetAgentId: target.id, sideNote: 'over to you' }, sessionId);
        }
      } else if (roll < 0.7) {
        const targets = await me.client.command('session.transferTargets', { sessionId });
        if (targets.ok && targets.data.queues.length > 0) await me.send('session.transferToQueue', { sessionId, queue: this.random.pick(targets.data.queues).id }, sessionId);
      } else if (roll < 0.75) await me.send('session.release', { sessionId }, sessionId);
      else if (roll < 0.95) await me.send('session.end', { sessionId }, sessionId);
      else await me.send('session.abandon', { sessionId }, sessionId);
    }
  }
}

/** One end user or agent: a client of the gateway's WebSocket, as the consoles and the widget use it. */
class Person {
  readonly client: SwitchboardClient;
  /** The gateway of its current connection. */
  private gateway?: string;

  constructor(
    private readonly load: ChaosLoad,
    readonly role: 'endUser' | 'agent',
    readonly id: string,
    home: number,
  ) {
    // The client reads `url` on every (re)connect: after its gateway dies it reaches one that is up, as behind a load balancer.
    let current = '';
    const options = {
      get url() {
        current = load.gatewayFor(home);
        return `${current.replace(/^http/, 'ws')}/ws`;
      },
      token: () => load.token(role, id),
      reconnectMinDelayMs: 200,
      reconnectMaxDelayMs: 2000,
      ...(load.silenceTimeoutMs !== undefined ? { silenceTimeoutMs: load.silenceTimeoutMs } : {}),
    };
    this.client = new SwitchboardClient(options);
    this.client.on('hello', () => {
      this.gateway = current;
      load.connections.push({ person: `${role} ${id}`, gateway: current, at: Date.now() });
    });
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  /** Sends one session command with a fresh clientId and writes it down with its answer. */
  async send<T extends CommandType>(type: T, payload: CommandPayload<T>, sessionId?: string): Promise<CommandResult<T>> {
    const clientId = randomUUID();
    const record: CommandRecord = {
      commandId: commandIdOf({ role: this.role, id: this.id }, clientId),
      type,
      principal: { role: this.role, id: this.id },
      ...(sessionId ? { sessionId } : {}),
      ...(this.gateway ? { gateway: this.gateway } : {}),
      sentAt: Date.now(),
    };
    this.load.commands.push(record);
    const result = await this.client.command(type, payload, { clientId });
    record.answeredAt = Date.now();
    if (result.ok) {
      record.outcome = 'ok';
      const data = result.data as { duplicate?: boolean; session?: { sessionId: string }; sessionId?: string };
      record.duplicate = data.duplicate === true;
      record.sessionId ??= data.session?.sessionId ?? data.sessionId;
    } else {
      record.outcome = 'refused';
      record.code = result.error.code;
    }
    return result;
  }
}
