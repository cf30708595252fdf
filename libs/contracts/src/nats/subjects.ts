/**
 * Every NATS subject of Switchboard, in one place so that a rename cannot
 * leave a publisher and its subscriber talking past each other. All subjects
 * hang under one prefix (default `sb`): deployments sharing a NATS cluster,
 * and parallel test runs, stay apart by choosing different prefixes.
 */
export const DEFAULT_SUBJECT_PREFIX = 'sb';

export type ServiceName = 'gateway' | 'chat-actor' | 'router';

export function createSubjects(prefix: string = DEFAULT_SUBJECT_PREFIX) {
  return {
    prefix,
    /** Request/reply: a round trip through a service to its database (diagnostics). */
    diagnosticsRoundTrip: (service: ServiceName) => `${prefix}.diag.${service}.roundtrip`,
    /** Request/reply: a command to the chat session actors of one partition. */
    chatCommand: (partition: number) => `${prefix}.chat.cmd.${partition}`,
    /** Request/reply: which process owns which partitions (answered by every chat-actor). */
    chatOwnership: `${prefix}.chat.ownership`,
    /** JetStream: every event of a session, in order. */
    chatEvent: (sessionId: string) => `${prefix}.chat.evt.${sessionId}`,
    chatEventsAll: `${prefix}.chat.evt.>`,
    /** Core NATS (issue 17): typing and receipts of a session, relayed to every gateway (`ChatSignal`); nothing stored. */
    chatSignal: (sessionId: string) => `${prefix}.chat.signal.${sessionId}`,
    chatSignalsAll: `${prefix}.chat.signal.>`,
    /** Core NATS: an administrator changed agents' profiles (queues, companies, cap); routers reload them. */
    agentProfilesChanged: `${prefix}.agents.changed`,
    /**
     * Core NATS: an administrator changed end users, topics or queues; the
     * processes that cache them drop their copies (ADR 8).
     */
    referenceDataChanged: `${prefix}.reference.changed`,
    /** Core NATS: an administrator changed the settings; every process reloads (A9). */
    settingsChanged: `${prefix}.settings.changed`,
    /** JetStream stream and KV bucket names may not contain dots. */
    chatEventsStream: `${prefix.replace(/\./g, '_')}_CHAT_EVENTS`,
    bucketPrefix: prefix.replace(/\./g, '_'),
    /** JetStream KV: every agent's live state (presence and assigned sessions), one key per agent. */
    agentStateBucket: `${prefix.replace(/\./g, '_')}_agent_state`,
    /** JetStream KV: failed sign-ins per username, shared by every gateway (entries expire). */
    signInBucket: `${prefix.replace(/\./g, '_')}_sign_in`,
    /** Core NATS: the router's figures (waiting per queue, assignments), answered by every router. */
    routerStatus: `${prefix}.router.status`,
    /**
     * Core NATS request: "is this end user / agent connected to a gateway?"; the
     * gateway holding a connection answers (R12, R18 grace periods). `key` must be
     * subject-safe (the gateway encodes ids).
     */
    gatewayPresence: (role: 'endUser' | 'agent', key: string) => `${prefix}.gateway.presence.${role}.${key}`,
    gatewayPresenceAll: `${prefix}.gateway.presence.>`,
    /** Queue group per service: one member of a service answers each request. */
    queueGroup: (service: ServiceName) => `${prefix}.${service}`,
  } as const;
}

export type Subjects = ReturnType<typeof createSubjects>;

/** Subject tokens are restricted so a prefix can never contain wildcards or spaces. */
export const SUBJECT_PREFIX_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
