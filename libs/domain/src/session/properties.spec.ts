// Property-based tests: random sequences of commands from random actors, with
// presence and settings changing under them, and retries of earlier commands.
// After every step the invariants of the session must hold.
import fc from 'fast-check';
import { DOMAIN_ERROR_CODES } from '../errors/domain-error';
import { notificationsFor } from '../notifications/notifications';
import { COMMAND_ROLES } from '../policies/authorization';
import { agentActor, admin, END_USER, endUser, QUEUES, system, TOPICS } from '../test-support/fixtures';
import type { Settings } from '../settings/settings';
import { SESSION_COMMAND_TYPES, type SessionCommand, type SessionCommandType } from './commands';
import type { AgentInfo, DecisionContext, Presence } from './context';
import { decide, SESSION_LIMITS } from './decide';
import { applyEvents } from './evolve';
import type { SessionEvent } from './events';
import type { SessionState } from './state';
import type { Actor } from './types';
import { isTerminalStatus } from './types';

const SESSION = 's-prop';
const AGENT_IDS = ['a1', 'a2', 'a3', 'a4'] as const;
const ACTORS: Actor[] = [endUser(), endUser('u-2'), ...AGENT_IDS.map(agentActor), admin(), system()];

const settingsArb: fc.Arbitrary<Settings> = fc.record({
  supportQueues: fc.boolean(),
  useTopics: fc.boolean(),
  companyFilter: fc.boolean(),
  agentAutoAccept: fc.boolean(),
  remoteControlConsoleUrl: fc.constantFrom('', 'https://rc.example.com/c'),
  maxConcurrentChatsPerAgent: fc.integer({ min: 0, max: 3 }),
  maskPatterns: fc.constantFrom([], ['secret-\\d+']),
  emailTranscripts: fc.boolean(),
  attachmentMaxBytes: fc.constantFrom(0, 10 * 1024 * 1024),
  attachmentTypes: fc.constant(['image/png', 'text/plain']),
  offerDeclineReasons: fc.constant(['Busy']),
  dispositionCodes: fc.constant(['Resolved']),
  agentIdleMinutes: fc.constantFrom(0, 5),
  offerLapsePresence: fc.constantFrom('notResponding', 'away', 'offline'),
});

const presenceArb: fc.Arbitrary<Presence> = fc.constantFrom('online', 'online', 'online', 'away', 'offline');

const agentArb = (id: string): fc.Arbitrary<AgentInfo> =>
  fc.record({
    id: fc.constant(id),
    displayName: fc.constant(`Agent ${id}`),
    presence: presenceArb,
    queues: fc.subarray(['Network', 'Accounts']),
    // Issue 16: some agents supervise queues (take-overs and whispers then succeed).
    supervisedQueues: fc.subarray(['General', 'Network', 'Accounts']),
    companies: fc.constantFrom(['acme'], ['globex'], ['acme', 'globex']),
    load: fc.integer({ min: 0, max: 4 }),
  });

/**
 * Who issues a command. `holder` is resolved when the step runs: the owner, or
 * the transfer target while one is pending, so that owner-only commands are
 * often issued by the right agent and the machine gets deep into its states.
 */
type ActorRef = { kind: 'holder' } | { kind: 'fixed'; actor: Actor };

/** Actors plausible for a command type most of the time, anyone sometimes. */
function actorFor(type: SessionCommandType): fc.Arbitrary<ActorRef> {
  const plausible: Record<string, Actor[]> = {
    endUser: [endUser(), endUser(), endUser(), endUser('u-2')],
    agent: AGENT_IDS.map(agentActor),
    admin: [admin()],
    system: [system()],
  };
  const pool = COMMAND_ROLES[type].flatMap((r) => plausible[r]!);
  const fixed = (actors: Actor[]) => fc.constantFrom(...actors).map((actor): ActorRef => ({ kind: 'fixed', actor }));
  const choices = [
    { arbitrary: fixed(pool), weight: 4 },
    { arbitrary: fixed(ACTORS), weight: 1 },
  ];
  if (COMMAND_ROLES[type].includes('agent')) choices.push({ arbitrary: fc.constant<ActorRef>({ kind: 'holder' }), weight: 6 });
  return fc.oneof(...choices);
}

function resolveActor(ref: ActorRef, state: SessionState | undefined): Actor {
  if (ref.kind === 'fixed') return ref.actor;
  return agentActor(state?.ownerAgentId ?? state?.transferTargetAgentId ?? state?.offer?.agentId ?? state?.endedByAgentId ?? 'a1');
}

/** Relative frequency of command types: terminal ones rare, so that sessions live long enough. */
const TYPE_WEIGHTS: Record<SessionCommandType, number> = {
  StartSession: 1,
  AcceptSession: 12,
  AutoAssign: 8,
  TransferToAgent: 10,
  TransferToQueue: 6,
  ReleaseSession: 6,
  EndChat: 2,
  AbandonSession: 1,
  CancelByUser: 1,
  MarkUserLeft: 4,
  MarkUserReturned: 4,
  PostMessage: 10,
  PostAttachment: 3,
  AddSideNote: 6,
  CreateTicket: 6,
  RequestControl: 4,
  ForceClose: 1,
  TargetWentOffline: 8,
  DeadlineReached: 6,
  AcceptOffer: 4,
  DeclineOffer: 3,
  RecordDisposition: 3,
  RaisePriority: 3,
  RecordWaitEstimate: 3,
  TakeOver: 3,
  Whisper: 3,
  RaiseHelpFlag: 3,
  LowerHelpFlag: 3,
  InviteAgent: 5,
  AcceptInvite: 5,
  DeclineInvite: 2,
  CancelInvite: 2,
  BargeIn: 3,
  Consult: 3,
  LeaveChat: 2,
  RemoveParticipant: 2,
  LeaveMessage: 1,
  KeepWaiting: 3,
  RateChat: 2,
};

const agentIdArb = fc.constantFrom(...AGENT_IDS, 'ghost');
const textArb = fc.constantFrom('hello', 'it works now', 'ok', 'thanks', 'restarted', '', '  ');
const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** The type-specific fields of a command. */
function fieldsFor(type: SessionCommandType): fc.Arbitrary<Record<string, unknown>> {
  switch (type) {
    case 'StartSession':
      return fc.record({ requestId: fc.constantFrom('req-1', 'req-2'), description: fc.constantFrom('VPN down', ''), topic: optional(fc.constantFrom('vpn', 'password', 'nope')), leaveMessage: optional(fc.constantFrom(true as const)) }, { requiredKeys: ['requestId', 'description'] });
    case 'LeaveMessage':
      return fc.record({ text: optional(textArb) }, { requiredKeys: [] });
    case 'AutoAssign':
      return fc.record({ agentId: agentIdArb, capacityReserved: optional(fc.boolean()) }, { requiredKeys: ['agentId'] });
    case 'TargetWentOffline':
      // Mostly the pending target (resolved when the step runs), sometimes anyone.
      return fc.record({ agentId: fc.oneof({ arbitrary: fc.constant(TARGET), weight: 3 }, { arbitrary: agentIdArb, weight: 1 }) });
    case 'TransferToAgent':
      return fc.record({ targetAgentId: agentIdArb, sideNote: optional(textArb) }, { requiredKeys: ['targetAgentId'] });
    case 'TransferToQueue':
      return fc.record({ queue: fc.constantFrom(...QUEUES, 'Nowhere'), sideNote: optional(textArb) }, { requiredKeys: ['queue'] });
    case 'EndChat':
      return fc.record({ resolveTicket: optional(fc.boolean()) }, { requiredKeys: [] });
    case 'PostMessage':
    case 'AddSideNote':
    case 'Whisper':
    case 'Consult':
      return fc.record({ text: textArb });
    case 'InviteAgent':
      return fc.record({ agentId: agentIdArb, note: optional(fc.constantFrom('knows VPN', 'card 4111 1111 1111 1111')) }, { requiredKeys: ['agentId'] });
    case 'CancelInvite':
    case 'RemoveParticipant':
      return fc.record({ agentId: agentIdArb });
    case 'TakeOver':
      return fc.record({ fromAgentId: agentIdArb });
    case 'RaiseHelpFlag':
      return fc.record({ note: optional(fc.constantFrom('stuck on VPN', 'card 4111 1111 1111 1111')) }, { requiredKeys: [] });
    case 'PostAttachment':
      return fc.record({
        attachment: fc.record({ id: fc.constantFrom('665f1c2e9b1e8a0012345678'), name: fc.constantFrom('shot.png', 'log 4111 1111 1111 1111.txt'), mediaType: fc.constantFrom('image/png', 'text/plain'), size: fc.integer({ min: 1, max: 1000 }) }),
      });
    case 'CreateTicket':
      return fc.record({ summary: textArb });
    case 'RequestControl':
      return fc.record({ assetId: optional(fc.constantFrom('asset-1', 'nope')) }, { requiredKeys: [] });
    case 'ForceClose':
      return fc.record({ comment: optional(textArb) }, { requiredKeys: [] });
    case 'DeclineOffer':
      return fc.record({ reason: fc.constantFrom('Busy', 'Busy', 'nope') });
    case 'RecordDisposition':
      return fc.record({ code: fc.constantFrom('Resolved', 'Resolved', 'nope') });
    case 'RaisePriority':
      return fc.record({ priority: fc.integer({ min: 0, max: 3 }) });
    case 'RecordWaitEstimate':
      // Mostly for the session's current stay in the queue (resolved when the step runs), sometimes another.
      return fc.record({
        minSeconds: fc.constantFrom(0, 60, 600),
        maxSeconds: fc.constantFrom(60, 240, 0),
        queuedAt: fc.oneof({ arbitrary: fc.constant(QUEUED_AT), weight: 3 }, { arbitrary: fc.constant('2026-01-05T09:00:00.000Z'), weight: 1 }),
      });
    case 'RateChat':
      return fc.record({ score: fc.integer({ min: 1, max: 5 }), comment: optional(textArb) }, { requiredKeys: ['score'] });
    case 'DeadlineReached':
      // Mostly the deadline the session holds (resolved when the step runs), sometimes any seq.
      return fc.record({
        kind: fc.constantFrom('firstReply', 'offer', 'userInactivityWarn', 'userInactive', 'userLeft', 'maxWait'),
        armedAtSeq: fc.oneof({ arbitrary: fc.constant(ARMED), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 30 }), weight: 1 }),
      });
    default:
      return fc.constant({});
  }
}

/** A command before the step runs: actor and pending-target placeholders still to resolve. */
interface CommandPlan {
  readonly type: SessionCommandType;
  readonly actor: ActorRef;
  readonly fields: Record<string, unknown>;
}

const TARGET = '<pending target>';
/** The session's `queuedAt`, resolved when the step runs. */
const QUEUED_AT = '<queuedAt>';
/** The seq at which the session's deadline was armed, resolved when the step runs. */
const ARMED = -1;

const commandArb: fc.Arbitrary<CommandPlan> = fc
  .oneof(...SESSION_COMMAND_TYPES.map((t) => ({ arbitrary: fc.constant(t), weight: TYPE_WEIGHTS[t] })))
  .chain((type) =>
    fc.tuple(actorFor(type), fieldsFor(type)).map(([actor, fields]): CommandPlan => ({ type, actor, fields: stripUndefined(fields) })),
  );

function resolveCommand(plan: CommandPlan, state: SessionState | undefined, commandId: string): SessionCommand {
  const fields = { ...plan.fields };
  if (fields['agentId'] === TARGET) fields['agentId'] = state?.transferTargetAgentId ?? state?.offer?.agentId ?? 'a1';
  if (fields['queuedAt'] === QUEUED_AT) fields['queuedAt'] = state?.queuedAt ?? '2026-01-05T09:00:00.000Z';
  if (fields['armedAtSeq'] === ARMED) fields['armedAtSeq'] = state?.deadlines?.find((d) => d.kind === fields['kind'])?.armedAtSeq ?? 1;
  return { type: plan.type, commandId, sessionId: SESSION, actor: resolveActor(plan.actor, state), ...fields } as SessionCommand;
}

type Step =
  | { kind: 'command'; command: CommandPlan | SessionCommand }
  | { kind: 'retry'; pick: number }
  | { kind: 'presence'; agent: number; presence: Presence }
  /** R5.4 as the presence tracker does it: the pending target goes offline, then it reports so. */
  | { kind: 'targetGoesOffline' }
  | { kind: 'settings'; settings: Settings };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: commandArb.map((command) => ({ kind: 'command' as const, command })), weight: 12 },
  { arbitrary: fc.nat().map((pick) => ({ kind: 'retry' as const, pick })), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('presence' as const), agent: fc.nat({ max: 3 }), presence: presenceArb }), weight: 2 },
  { arbitrary: settingsArb.map((settings) => ({ kind: 'settings' as const, settings })), weight: 1 },
  { arbitrary: fc.constant({ kind: 'targetGoesOffline' as const }), weight: 1 },
);

const scenarioArb = fc.record({
  settings: settingsArb,
  firstReplySeconds: fc.constantFrom(0, 2, 5),
  offerSeconds: fc.constantFrom(0, 0, 3),
  inactivity: fc.record({
    userInactivityWarnSeconds: fc.constantFrom(0, 2),
    userInactivityCloseSeconds: fc.constantFrom(0, 3),
    userLeftCloseSeconds: fc.constantFrom(0, 4),
  }),
  maxWaitSeconds: fc.constantFrom(0, 1, 4),
  overflowQueue: fc.constantFrom('', 'Network'),
  agents: fc.tuple(...AGENT_IDS.map(agentArb)),
  steps: fc.array(stepArb, { minLength: 5, maxLength: 60, size: 'max' }),
});

describe('properties of the session state machine', () => {
  it('R17 properties: random command sequences keep every invariant after every step', () => {
    fc.assert(
      fc.property(scenarioArb, ({ settings, firstReplySeconds, offerSeconds, inactivity, maxWaitSeconds, overflowQueue, agents, steps }) => {
        let ctx: DecisionContext = {
          now: '2026-01-05T09:00:00.000Z',
          settings,
          queuePolicy: { firstReplySeconds, offerSeconds, wrapUpSeconds: 60, dispositionRequired: offerSeconds > 0, ...inactivity, maxWaitSeconds, overflowQueue },
          agents: [...agents],
          endUser: END_USER,
          topics: TOPICS,
          queues: QUEUES,
          newIds: { ticketId: 'T-1' },
        };
        let state: SessionState | undefined;
        const issued: SessionCommand[] = [];
        const outcomes = new Map<string, SessionEvent[]>();
        // The event log, kept beside the state as the chat actor keeps its commits.
        const log: SessionEvent[] = [];
        const earlierOf = (c: SessionCommand) => {
          const events = outcomes.get(c.commandId);
          return events === undefined ? undefined : { events, sameCommand: true };
        };
        let n = 0;

        // Every run starts with a start by the session's end user, so that later steps have something to act on.
        const allSteps: Step[] = [
          {
            kind: 'command',
            command: { type: 'StartSession', commandId: 'c-start', sessionId: SESSION, actor: endUser(), requestId: 'req-1', description: 'VPN down', topic: 'vpn' },
          },
          ...steps,
        ];

        for (const step of allSteps) {
          n += 1;
          ctx = { ...ctx, now: new Date(Date.parse('2026-01-05T09:00:00.000Z') + n * 1000).toISOString(), newIds: { ticketId: `T-${n}` } };
          if (step.kind === 'presence') {
            ctx = { ...ctx, agents: ctx.agents!.map((a, i) => (i === step.agent ? { ...a, presence: step.presence } : a)) };
            continue;
          }
          if (step.kind === 'settings') {
            ctx = { ...ctx, settings: step.settings };
            continue;
          }
          if (step.kind === 'retry' && issued.length === 0) continue;
          let command: SessionCommand;
          if (step.kind === 'retry') command = issued[step.pick % issued.length]!;
          else if (step.kind === 'command') command = 'commandId' in step.command ? step.command : resolveCommand(step.command, state, `c-${n}`);
          else {
            const target = state?.transferTargetAgentId ?? 'a1';
            ctx = { ...ctx, agents: ctx.agents!.map((a) => (a.id === target ? { ...a, presence: 'offline' as const } : a)) };
            command = { type: 'TargetWentOffline', commandId: `c-${n}`, sessionId: SESSION, actor: system('presence'), agentId: target };
          }

          const before = state;
          const beforeJson = JSON.stringify(before);
          const frozen = before === undefined ? undefined : deepFreeze(structuredClone(before));
          const decision = decide(frozen, command, { ...ctx, earlier: earlierOf(command) });
          // decide never changes its input
          expect(JSON.stringify(frozen)).toBe(beforeJson);

          if (!decision.ok) {
            expect(DOMAIN_ERROR_CODES).toContain(decision.error.code);
            expect(decision.error.message.length).toBeGreaterThan(0);
            // A refusal changes nothing: the state is not touched.
            continue;
          }

          if (decision.duplicate) {
            // Applying a command id twice has the effect of once: same events, nothing applied.
            if (outcomes.has(command.commandId)) expect(decision.events).toEqual(outcomes.get(command.commandId));
            else expect(command.type).toBe('StartSession'); // R1.1: same request id, new command id
            continue;
          }

          // A new outcome for a command id never seen as applied.
          expect(outcomes.has(command.commandId)).toBe(false);
          // An ended session takes two things only: its agent's disposition (issue 14, wrap-up) and its end user's rating (issue 17).
          if (before !== undefined && isTerminalStatus(before.status) && command.type !== 'RecordDisposition' && command.type !== 'RateChat') {
            throw new Error(`${command.type} changed a ${before.status} session`);
          }
          if (command.type === 'RecordDisposition') expect(decision.events.map((e) => e.type)).toEqual(['DispositionRecorded']);
          if (command.type === 'RateChat') expect(decision.events.map((e) => e.type)).toEqual(['ChatRated']);
          expect(decision.events.length).toBeGreaterThan(0);
          expect(decision.events.length).toBeLessThanOrEqual(SESSION_LIMITS.maxEventsPerCommand);
          decision.events.forEach((e, i) => {
            expect(e.seq).toBe((before?.version ?? 0) + i + 1);
            expect(e.commandId).toBe(command.commandId);
            expect(e.at).toBe(ctx.now);
            expect(e.sessionId).toBe(SESSION);
          });
          checkPermission(before, command, ctx);

          const after = applyEvents(before, decision.events);
          if (after === undefined) throw new Error('events of a successful decision left no session');
          state = after;
          issued.push(command);
          outcomes.set(command.commandId, decision.events);
          const logBefore = [...log];
          log.push(...decision.events);
          checkInvariants(before, after, logBefore, log);
          for (const e of decision.events) {
            for (const note of notificationsFor(e, after)) {
              if (note.audience.to === 'endUser') expect(note.event.type).not.toBe('SideNoteAdded');
            }
          }

          // Deciding the same command again right away is a duplicate with the same events.
          const again = decide(state, command, { ...ctx, earlier: earlierOf(command) });
          expect(again).toEqual({ ok: true, duplicate: true, events: decision.events });
        }

        if (state !== undefined) {
          // The history alone rebuilds the state (the event log is the record).
          expect(applyEvents(undefined, log)).toEqual(state);
          expect(JSON.parse(JSON.stringify(state))).toEqual(state);
        }
      }),
      { numRuns: 300 },
    );
  });
});

function checkInvariants(before: SessionState | undefined, s: SessionState, logBefore: readonly SessionEvent[], log: readonly SessionEvent[]): void {
  // Issue 16 (ADR 24): participants and invitations only while ASSIGNED, bounded, never the owner, each agent once.
  const guests = (s.guests ?? []).map((g) => g.agentId);
  const invited = (s.invites ?? []).map((i) => i.agentId);
  if (guests.length + invited.length > 0) expect(s.status).toBe('ASSIGNED');
  expect(guests.length).toBeLessThanOrEqual(4);
  expect(invited.length).toBeLessThanOrEqual(4);
  expect(new Set([...guests, ...invited]).size).toBe(guests.length + invited.length);
  expect([...guests, ...invited]).not.toContain(s.ownerAgentId);
  if (s.guests?.length === 0 || s.invites?.length === 0) throw new Error('empty participant lists are left out of the state');
  // ADR 13: at most one deadline per kind, and a first-reply deadline only while ASSIGNED.
  expect(new Set((s.deadlines ?? []).map((d) => d.kind)).size).toBe((s.deadlines ?? []).length);
  // Issue 15: end-user inactivity counts only while ASSIGNED and not cancelled, a gone end user's close only while open and gone.
  const statusOf: Record<string, readonly string[]> = {
    firstReply: ['ASSIGNED'],
    offer: ['QUEUED'],
    userInactivityWarn: ['ASSIGNED'],
    userInactive: ['ASSIGNED'],
    userLeft: ['QUEUED', 'ASSIGNED', 'PENDING_TRANSFER'],
    // The maximum wait counts only while the chat waits in its queue.
    maxWait: ['QUEUED'],
  };
  for (const d of s.deadlines ?? []) expect(statusOf[d.kind]).toContain(s.status);
  if (s.deadlines?.some((d) => d.kind === 'userInactivityWarn' || d.kind === 'userInactive')) expect(s.cancelledByUser).toBe(false);
  if (s.deadlines?.some((d) => d.kind === 'userLeft')) expect(s.userLeft).toBe(true);
  expect((s.deadlines ?? []).filter((d) => d.kind === 'userInactivityWarn' || d.kind === 'userInactive').length).toBeLessThanOrEqual(1);
  // Issue 14: an offer waits only in the queue, with its deadline, and never for an agent the session excludes.
  if (s.offer !== undefined) {
    expect(s.status).toBe('QUEUED');
    expect(s.deadlines?.find((d) => d.kind === 'offer')?.dueAt).toBe(s.offer.expiresAt);
    expect(s.excludedAgentIds ?? []).not.toContain(s.offer.agentId);
  }
  // Issue 15: a priority on the scale that never goes down; an estimate never upside down.
  expect(s.priority ?? 0).toBeGreaterThanOrEqual(before?.priority ?? 0);
  expect(s.priority ?? 0).toBeLessThanOrEqual(3);
  if (s.waitEstimate !== undefined) expect(s.waitEstimate.minSeconds).toBeLessThanOrEqual(s.waitEstimate.maxSeconds);
  // history only grows, seq without gaps, version = last seq
  expect(s.version).toBe(log.length);
  log.forEach((e, i) => expect(e.seq).toBe(i + 1));
  if (before !== undefined) {
    expect(log.length).toBeGreaterThan(logBefore.length);
    logBefore.forEach((e, i) => expect(log[i]).toBe(e));
    // flags and tickets that never go back
    if (before.cancelledByUser) expect(s.cancelledByUser).toBe(true);
    if (before.ticket !== undefined) expect(s.ticket?.ticketId).toBe(before.ticket.ticketId);
  }
  expect(log.filter((e) => e.type === 'TicketCreated').length).toBeLessThanOrEqual(1);
  expect(log.filter((e) => e.type === 'SessionStarted').length).toBe(1);

  // status, owner and lists agree: at most one owner, one place at a time
  switch (s.status) {
    case 'QUEUED':
      expect(s.ownerAgentId).toBeUndefined();
      expect(s.transferTargetAgentId).toBeUndefined();
      expect(s.queuedAt).toBeDefined();
      expect(s.cancelledByUser).toBe(false);
      break;
    case 'ASSIGNED':
      expect(typeof s.ownerAgentId).toBe('string');
      expect(s.transferTargetAgentId).toBeUndefined();
      expect(s.queuedAt).toBeUndefined();
      expect(s.participants).toContain(s.ownerAgentId);
      // Issue 14: a session never goes back to an agent that let it go without a first reply.
      expect(s.excludedAgentIds ?? []).not.toContain(s.ownerAgentId);
      break;
    case 'PENDING_TRANSFER':
      expect(s.ownerAgentId).toBeUndefined();
      expect(typeof s.transferTargetAgentId).toBe('string');
      expect(s.transferFromAgentId).not.toBe(s.transferTargetAgentId);
      break;
    case 'CLOSED':
    case 'ABANDONED':
      expect(s.ownerAgentId).toBeUndefined();
      expect(s.transferTargetAgentId).toBeUndefined();
      expect(s.closedAt).toBeDefined();
      break;
  }
  // R11.3: no end-user message after the cancel
  const cancelAt = log.findIndex((e) => e.type === 'UserCancelled');
  if (cancelAt >= 0) {
    expect(log.slice(cancelAt).some((e) => e.type === 'MessagePosted')).toBe(false);
  }
}

/** Successful commands were allowed: who issued them, from which status. */
function checkPermission(before: SessionState | undefined, c: SessionCommand, ctx: DecisionContext): void {
  if (before === undefined) {
    expect(c.type).toBe('StartSession');
    return;
  }
  const actorIsOwner = before.status === 'ASSIGNED' && before.ownerAgentId === c.actor.id && c.actor.role === 'agent';
  const agentOf = (id: string) => ctx.agents!.find((a) => a.id === id);
  switch (c.type) {
    case 'AcceptSession':
      if (before.status === 'QUEUED') {
        expect(ctx.settings.agentAutoAccept).toBe(false);
        expect(agentOf(c.actor.id)?.presence).toBe('online');
      } else {
        expect(before.status).toBe('PENDING_TRANSFER');
        expect(before.transferTargetAgentId).toBe(c.actor.id);
      }
      break;
    case 'RaisePriority':
      expect(before.status).toBe('QUEUED');
      expect(c.priority).toBeGreaterThan(before.priority ?? 0);
      expect(['agent', 'admin']).toContain(c.actor.role);
      break;
    case 'RecordWaitEstimate':
      expect(before.status).toBe('QUEUED');
      expect(c.queuedAt).toBe(before.queuedAt);
      break;
    case 'AutoAssign': {
      expect(before.status).toBe('QUEUED');
      expect(c.actor.role).toBe('system');
      const a = agentOf(c.agentId)!;
      expect(a.presence).toBe('online');
      const cap = ctx.settings.maxConcurrentChatsPerAgent;
      if (cap > 0) expect(a.load - (c.capacityReserved ? 1 : 0)).toBeLessThan(cap);
      break;
    }
    case 'TransferToAgent': {
      expect(actorIsOwner).toBe(true);
      expect(c.targetAgentId).not.toBe(c.actor.id);
      expect(agentOf(c.targetAgentId)?.presence).toBe('online');
      break;
    }
    case 'TransferToQueue':
      expect(actorIsOwner).toBe(true);
      expect(ctx.settings.supportQueues && ctx.settings.useTopics).toBe(true);
      break;
    case 'ReleaseSession':
    case 'EndChat':
    case 'AbandonSession':
    case 'CreateTicket':
    case 'RequestControl':
    case 'AddSideNote':
      expect(actorIsOwner).toBe(true);
      break;
    case 'PostMessage':
      expect(before.cancelledByUser).toBe(false);
      if (c.actor.role === 'endUser') expect(c.actor.id).toBe(before.endUserId);
      else expect(actorIsOwner).toBe(true);
      break;
    case 'CancelByUser':
      expect(c.actor).toEqual({ role: 'endUser', id: before.endUserId });
      break;
    case 'ForceClose':
      expect(c.actor.role).toBe('admin');
      break;
    case 'TargetWentOffline':
      // R5.4 for a pending transfer; issue 14 for a pending offer.
      expect([before.transferTargetAgentId, before.offer?.agentId]).toContain(c.agentId);
      break;
    case 'RateChat':
      // Issue 17: the session's own end user, once, after the end.
      expect(c.actor).toEqual({ role: 'endUser', id: before.endUserId });
      expect(isTerminalStatus(before.status)).toBe(true);
      expect(before.rating).toBeUndefined();
      break;
    case 'StartSession':
    case 'MarkUserLeft':
    case 'MarkUserReturned':
      break;
  }
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
