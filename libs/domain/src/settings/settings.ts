import { domainError, type DomainError } from '../errors/domain-error';
import { attachmentSettingsProblem, DEFAULT_ATTACHMENT_MAX_BYTES, DEFAULT_ATTACHMENT_TYPES } from '../attachments/attachment-limits';
import { maskPatternsProblem } from '../masking/masking';

/**
 * Administrator settings of the spec ("Settings" table). They take effect at
 * once: the actor passes the current settings into every `decide` call, nothing
 * in the domain caches them.
 */
export interface Settings {
  /** Route sessions to the queue of their topic; off: every session is in `General`. */
  readonly supportQueues: boolean;
  /** End users pick a topic when starting a chat. */
  readonly useTopics: boolean;
  /** Agents see, are offered and can be transferred only sessions of their own companies. */
  readonly companyFilter: boolean;
  /** Waiting sessions are assigned automatically by load (R4). */
  readonly agentAutoAccept: boolean;
  /** Base URL of the remote-control console (R16); empty: not configured. */
  readonly remoteControlConsoleUrl: string;
  /** Cap used by automatic assignment; 0 means no limit. */
  readonly maxConcurrentChatsPerAgent: number;
  /** Regular expressions (RE2 syntax) masked in messages and side notes, besides card numbers. */
  readonly maskPatterns: readonly string[];
  /** End users may have a PDF transcript of their chat e-mailed when it ends (issue 17). */
  readonly emailTranscripts: boolean;
  /** Largest file an end user or agent may send, in bytes; 0 turns attachments off. */
  readonly attachmentMaxBytes: number;
  /** Media types a file may have, as found in its content (never its name). */
  readonly attachmentTypes: readonly string[];
  /** The reasons an agent picks from when declining an offered chat (issue 14); at least one. */
  readonly offerDeclineReasons: readonly string[];
  /** The disposition codes an agent picks from during wrap-up (issue 14); at least one. */
  readonly dispositionCodes: readonly string[];
  /**
   * Minutes an agent console may stay hidden or without input while Online
   * before it sets the agent Away by itself (issue 14); 0 turns this off.
   */
  readonly agentIdleMinutes: number;
  /**
   * What an agent who lets an offer lapse becomes (issue 14): Not responding
   * (the default), or Away or Offline when the administrator prefers one of
   * those; in each the agent receives nothing new until they come back.
   */
  readonly offerLapsePresence: OfferLapsePresence;
}

/** The presences an offer's lapse may put its agent in (issue 14). */
export type OfferLapsePresence = 'notResponding' | 'away' | 'offline';
export const OFFER_LAPSE_PRESENCES: readonly OfferLapsePresence[] = Object.freeze(['notResponding', 'away', 'offline']);

/** Decline reasons: at most this many, each at most MAX_DECLINE_REASON_LENGTH characters. */
export const MAX_DECLINE_REASONS = 20;
export const MAX_DECLINE_REASON_LENGTH = 80;

/**
 * Longest `agentIdleMinutes` an administrator may set: 8 hours, a working day
 * (the contracts' AGENT_IDLE_MINUTES_MAX; a unit test checks both agree).
 */
export const AGENT_IDLE_MINUTES_MAX = 480;

export const GENERAL_QUEUE = 'General';

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  supportQueues: false,
  useTopics: false,
  companyFilter: false,
  agentAutoAccept: false,
  remoteControlConsoleUrl: '',
  maxConcurrentChatsPerAgent: 0,
  maskPatterns: Object.freeze([]) as readonly string[],
  emailTranscripts: false,
  attachmentMaxBytes: DEFAULT_ATTACHMENT_MAX_BYTES,
  attachmentTypes: DEFAULT_ATTACHMENT_TYPES,
  offerDeclineReasons: Object.freeze(['Busy with another chat', 'Not my area', 'Going on a break']) as readonly string[],
  dispositionCodes: Object.freeze(['Resolved', 'Workaround given', 'Escalated', 'No answer from the user']) as readonly string[],
  agentIdleMinutes: 0,
  offerLapsePresence: 'notResponding',
});

/** R7: transfer to a support queue needs both Support Queues and Use Topics. */
export function queueTransferAllowed(settings: Settings): boolean {
  return settings.supportQueues && settings.useTopics;
}

/**
 * Checks an administrator's change (a partial update over `current`) and returns
 * the complete new settings, or a VALIDATION error naming the bad field.
 */
export function validateSettings(
  update: Partial<Record<keyof Settings, unknown>>,
  current: Settings = DEFAULT_SETTINGS,
): { ok: true; settings: Settings } | { ok: false; error: DomainError } {
  const next: Record<keyof Settings, unknown> = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (!isSettingName(key)) {
      return bad(key, `Unknown setting "${key}".`);
    }
    if (value === undefined) continue;
    next[key] = value;
  }
  const { supportQueues, useTopics, companyFilter, agentAutoAccept, maxConcurrentChatsPerAgent: cap, remoteControlConsoleUrl: url, maskPatterns, attachmentMaxBytes, attachmentTypes } = next;
  if (typeof supportQueues !== 'boolean') return notBoolean('supportQueues');
  if (typeof useTopics !== 'boolean') return notBoolean('useTopics');
  if (typeof companyFilter !== 'boolean') return notBoolean('companyFilter');
  if (typeof agentAutoAccept !== 'boolean') return notBoolean('agentAutoAccept');
  const emailTranscripts = next.emailTranscripts;
  if (typeof emailTranscripts !== 'boolean') return notBoolean('emailTranscripts');
  if (typeof cap !== 'number' || !Number.isInteger(cap) || cap < 0 || cap > 10_000) {
    return bad('maxConcurrentChatsPerAgent', 'Max concurrent chats per agent must be a whole number from 0 (no limit) to 10000.');
  }
  if (typeof url !== 'string') return bad('remoteControlConsoleUrl', 'Remote control console URL must be text.');
  const trimmed = url.trim();
  if (trimmed !== '' && !/^https?:\/\/[^\s/]+/i.test(trimmed)) {
    return bad('remoteControlConsoleUrl', 'Remote control console URL must start with http:// or https://.');
  }
  const idle = next.agentIdleMinutes;
  if (typeof idle !== 'number' || !Number.isInteger(idle) || idle < 0 || idle > AGENT_IDLE_MINUTES_MAX) {
    return bad('agentIdleMinutes', `Away after idle must be a whole number of minutes from 0 (off) to ${AGENT_IDLE_MINUTES_MAX}.`);
  }
  const lapsePresence = OFFER_LAPSE_PRESENCES.find((p) => p === next.offerLapsePresence);
  if (lapsePresence === undefined) {
    return bad('offerLapsePresence', 'After a lapsed offer the agent must become notResponding, away or offline.');
  }
  const patternProblem = maskPatternsProblem(maskPatterns);
  if (patternProblem !== undefined) return bad('maskPatterns', patternProblem);
  const attachmentProblem = attachmentSettingsProblem(attachmentMaxBytes, attachmentTypes);
  if (attachmentProblem !== undefined) return bad(attachmentProblem.field, attachmentProblem.message);
  const reasons = next.offerDeclineReasons;
  if (!isTextList(reasons)) {
    return bad('offerDeclineReasons', `Decline reasons must be 1 to ${MAX_DECLINE_REASONS} texts of 1 to ${MAX_DECLINE_REASON_LENGTH} characters.`);
  }
  const codes = next.dispositionCodes;
  if (!isTextList(codes)) {
    return bad('dispositionCodes', `Disposition codes must be 1 to ${MAX_DECLINE_REASONS} texts of 1 to ${MAX_DECLINE_REASON_LENGTH} characters.`);
  }
  return {
    ok: true,
    settings: {
      supportQueues,
      useTopics,
      companyFilter,
      agentAutoAccept,
      remoteControlConsoleUrl: trimmed,
      maxConcurrentChatsPerAgent: cap,
      maskPatterns: [...(maskPatterns as readonly string[])],
      emailTranscripts,
      attachmentMaxBytes: attachmentMaxBytes as number,
      attachmentTypes: [...new Set(attachmentTypes as readonly string[])],
      offerDeclineReasons: [...new Set(reasons.map((r) => r.trim()))],
      dispositionCodes: [...new Set(codes.map((c) => c.trim()))],
      agentIdleMinutes: idle,
      offerLapsePresence: lapsePresence,
    },
  };

  function notBoolean(key: keyof Settings) {
    return bad(key, `Setting "${key}" must be true or false.`);
  }

  function bad(field: string, message: string) {
    return { ok: false as const, error: domainError('VALIDATION', message, { field }) };
  }
}

/** 1 to MAX_DECLINE_REASONS texts of 1 to MAX_DECLINE_REASON_LENGTH characters (decline reasons, disposition codes). */
function isTextList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.length <= MAX_DECLINE_REASONS &&
    value.every((r) => typeof r === 'string' && r.trim().length > 0 && r.trim().length <= MAX_DECLINE_REASON_LENGTH)
  );
}

function isSettingName(key: string): key is keyof Settings {
  return Object.hasOwn(DEFAULT_SETTINGS, key);
}
