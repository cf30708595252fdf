// Test data factories (test-only; excluded from the lib build).
import type { DeadlineKind } from '@switchboard/contracts';
import type { SessionCommand } from '../session/commands';
import type { AgentInfo, DecisionContext, EndUserInfo, TopicInfo } from '../session/context';
import type { Actor } from '../session/types';
import { DEFAULT_SETTINGS, type Settings } from '../settings/settings';

export const SESSION_ID = 's-1';
export const T0 = Date.parse('2026-01-05T09:00:00.000Z');

/** ISO time `minutes` after T0. */
export function at(minutes: number): string {
  return new Date(T0 + minutes * 60_000).toISOString();
}

export function agent(id: string, over: Partial<AgentInfo> = {}): AgentInfo {
  return {
    id,
    displayName: `Agent ${id.toUpperCase()}`,
    presence: 'online',
    queues: [],
    companies: ['acme'],
    load: 0,
    ...over,
  };
}

export const END_USER: EndUserInfo = {
  id: 'u-1',
  companyId: 'acme',
  displayName: 'Uma User',
  assets: [{ id: 'asset-1', name: 'Laptop', deviceId: 'DEV-001' }],
};

export const TOPICS: TopicInfo[] = [
  { id: 'vpn', name: 'VPN', queue: 'Network' },
  { id: 'password', name: 'Password reset', queue: 'Accounts' },
];

export const QUEUES = ['General', 'Network', 'Accounts'];

export function settings(over: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...over };
}

export function context(over: Partial<DecisionContext> = {}): DecisionContext {
  return {
    now: at(0),
    settings: settings(),
    agents: [agent('a1'), agent('a2'), agent('a3')],
    endUser: END_USER,
    topics: TOPICS,
    queues: QUEUES,
    newIds: { ticketId: 'T-100' },
    ...over,
  };
}

export const endUser = (id = END_USER.id): Actor => ({ role: 'endUser', id });
export const agentActor = (id: string): Actor => ({ role: 'agent', id });
export const admin = (id = 'admin-1'): Actor => ({ role: 'admin', id });
export const system = (id = 'router'): Actor => ({ role: 'system', id });

type WithoutBase<C> = C extends SessionCommand ? Omit<C, 'commandId' | 'sessionId'> & { commandId?: string; sessionId?: string } : never;

let counter = 0;
/** A command with a fresh command id and the default session id unless given. */
export function cmd(c: WithoutBase<SessionCommand>): SessionCommand {
  counter += 1;
  return { commandId: `cmd-${counter}`, sessionId: SESSION_ID, ...c } as SessionCommand;
}

/** Command builders, one per command type. */
export const C = {
  start: (over: { requestId?: string; description?: string; topic?: string; actor?: Actor; leaveMessage?: true } = {}) =>
    cmd({
      type: 'StartSession',
      actor: over.actor ?? endUser(),
      requestId: over.requestId ?? 'req-1',
      description: over.description ?? 'My VPN does not connect',
      ...(over.topic !== undefined ? { topic: over.topic } : {}),
      ...(over.leaveMessage !== undefined ? { leaveMessage: over.leaveMessage } : {}),
    }),
  leaveMessage: (text?: string, actor: Actor = endUser()) => cmd({ type: 'LeaveMessage', actor, ...(text !== undefined ? { text } : {}) }),
  keepWaiting: (actor: Actor = endUser()) => cmd({ type: 'KeepWaiting', actor }),
  accept: (agentId: string) => cmd({ type: 'AcceptSession', actor: agentActor(agentId) }),
  autoAssign: (agentId: string, capacityReserved?: boolean) =>
    cmd({ type: 'AutoAssign', actor: system(), agentId, ...(capacityReserved !== undefined ? { capacityReserved } : {}) }),
  transfer: (from: string, to: string, sideNote?: string) =>
    cmd({ type: 'TransferToAgent', actor: agentActor(from), targetAgentId: to, ...(sideNote !== undefined ? { sideNote } : {}) }),
  transferToQueue: (from: string, queue: string, sideNote?: string) =>
    cmd({ type: 'TransferToQueue', actor: agentActor(from), queue, ...(sideNote !== undefined ? { sideNote } : {}) }),
  release: (agentId: string) => cmd({ type: 'ReleaseSession', actor: agentActor(agentId) }),
  end: (agentId: string, resolveTicket?: boolean) =>
    cmd({ type: 'EndChat', actor: agentActor(agentId), ...(resolveTicket !== undefined ? { resolveTicket } : {}) }),
  abandon: (agentId: string) => cmd({ type: 'AbandonSession', actor: agentActor(agentId) }),
  cancel: (actor: Actor = endUser()) => cmd({ type: 'CancelByUser', actor }),
  left: (actor: Actor = system('gateway')) => cmd({ type: 'MarkUserLeft', actor }),
  returned: (actor: Actor = system('gateway')) => cmd({ type: 'MarkUserReturned', actor }),
  say: (actor: Actor, text = 'hello') => cmd({ type: 'PostMessage', actor, text }),
  attach: (actor: Actor, name = 'screenshot.png') =>
    cmd({ type: 'PostAttachment', actor, attachment: { id: '665f1c2e9b1e8a0012345678', name, mediaType: 'image/png', size: 1024 } }),
  note: (agentId: string, text = 'note for agents') => cmd({ type: 'AddSideNote', actor: agentActor(agentId), text }),
  ticket: (agentId: string, summary = 'VPN broken') => cmd({ type: 'CreateTicket', actor: agentActor(agentId), summary }),
  control: (agentId: string, assetId?: string) =>
    cmd({ type: 'RequestControl', actor: agentActor(agentId), ...(assetId !== undefined ? { assetId } : {}) }),
  forceClose: (actor: Actor = admin(), comment?: string) =>
    cmd({ type: 'ForceClose', actor, ...(comment !== undefined ? { comment } : {}) }),
  targetOffline: (agentId: string) => cmd({ type: 'TargetWentOffline', actor: system('presence'), agentId }),
  acceptOffer: (agentId: string) => cmd({ type: 'AcceptOffer', actor: agentActor(agentId) }),
  declineOffer: (agentId: string, reason = 'Not my area') => cmd({ type: 'DeclineOffer', actor: agentActor(agentId), reason }),
  disposition: (agentId: string, code = 'Resolved') => cmd({ type: 'RecordDisposition', actor: agentActor(agentId), code }),
  raisePriority: (actor: Actor, priority: number) => cmd({ type: 'RaisePriority', actor, priority }),
  estimate: (minSeconds: number, maxSeconds: number, queuedAt: string) =>
    cmd({ type: 'RecordWaitEstimate', actor: system(), minSeconds, maxSeconds, queuedAt }),
  takeOver: (supervisorId: string, fromAgentId: string) => cmd({ type: 'TakeOver', actor: agentActor(supervisorId), fromAgentId }),
  whisper: (supervisorId: string, text = 'try the loaner laptop') => cmd({ type: 'Whisper', actor: agentActor(supervisorId), text }),
  raiseHelp: (agentId: string, note?: string) => cmd({ type: 'RaiseHelpFlag', actor: agentActor(agentId), ...(note !== undefined ? { note } : {}) }),
  lowerHelp: (agentId: string) => cmd({ type: 'LowerHelpFlag', actor: agentActor(agentId) }),
  invite: (ownerId: string, agentId: string, note?: string) => cmd({ type: 'InviteAgent', actor: agentActor(ownerId), agentId, ...(note !== undefined ? { note } : {}) }),
  acceptInvite: (agentId: string) => cmd({ type: 'AcceptInvite', actor: agentActor(agentId) }),
  declineInvite: (agentId: string) => cmd({ type: 'DeclineInvite', actor: agentActor(agentId) }),
  cancelInvite: (ownerId: string, agentId: string) => cmd({ type: 'CancelInvite', actor: agentActor(ownerId), agentId }),
  bargeIn: (supervisorId: string) => cmd({ type: 'BargeIn', actor: agentActor(supervisorId) }),
  consult: (agentId: string, text = 'what do you think?') => cmd({ type: 'Consult', actor: agentActor(agentId), text }),
  leaveChat: (agentId: string) => cmd({ type: 'LeaveChat', actor: agentActor(agentId) }),
  removeParticipant: (ownerId: string, agentId: string) => cmd({ type: 'RemoveParticipant', actor: agentActor(ownerId), agentId }),
  rate: (score: number, comment?: string, actor: Actor = endUser()) => cmd({ type: 'RateChat', actor, score, ...(comment !== undefined ? { comment } : {}) }),
  deadline: (armedAtSeq: number, kind: DeadlineKind = 'firstReply') =>
    cmd({ type: 'DeadlineReached', actor: system('timers'), kind, armedAtSeq, commandId: `timer:${SESSION_ID}:${kind}:${armedAtSeq}` }),
};
