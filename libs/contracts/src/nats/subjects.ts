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
    /** Queue group per service: one member of a service answers each request. */
    queueGroup: (service: ServiceName) => `${prefix}.${service}`,
  } as const;
}

export type Subjects = ReturnType<typeof createSubjects>;

/** Subject tokens are restricted so a prefix can never contain wildcards or spaces. */
export const SUBJECT_PREFIX_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
