import { z } from 'zod';
import { openingHoursSchema, type OpeningHours } from '../queues/opening-hours.schema';
import { ATTACHMENT_MAX_BYTES_CEILING, ATTACHMENT_TYPES_MAX, mediaTypeSchema } from '../attachments/attachments.schema';
import { PRIORITY_MAX, PRIORITY_MIN } from '../chat/session.schema';
import { plainText } from '../text/plain-text';

/**
 * The admin REST API's bodies and answers, shared by the gateway (validation,
 * OpenAPI) and the admin console (forms). Ids chosen by people (queue names,
 * agent usernames, company codes) are short and URL-safe.
 */

const trimmed = (max: number) => plainText().trim().max(max, `at most ${max} characters`);
const required = (max: number, what: string) => trimmed(max).min(1, `${what} is required`);

/** A readable id: letters, digits, `.`, `_`, `-`; starts with a letter or digit. */
export const SLUG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const slugSchema = z.string().trim().regex(SLUG_PATTERN, 'use 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit');

/** Queue names are ids and appear in routing: letters, digits, spaces and a few signs. */
export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;
export const queueNameSchema = z
  .string()
  .trim()
  .regex(QUEUE_NAME_PATTERN, 'use 1 to 64 letters, digits, spaces, ".", "_" or "-", starting with a letter or digit');

/** A shape with its defaults taken off: what a field is when a client must name it. */
type WithoutDefaults<T extends z.ZodRawShape> = { [K in keyof T]: T[K] extends z.ZodDefault<infer Inner> ? Inner : T[K] };
function withoutDefaults<T extends z.ZodRawShape>(shape: T): WithoutDefaults<T> {
  return Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? field.removeDefault() : field])) as WithoutDefaults<T>;
}

/**
 * The two ways to change a record (issue 13), as a REST client expects them:
 * PUT replaces it, so every field must be named (a missing one is a 400 that
 * names it, never a reset to its default); PATCH changes the named fields and
 * keeps the others.
 */
export function replacementOf<T extends z.ZodRawShape>(shape: T) {
  return z.object(withoutDefaults(shape)).strict();
}
export function patchOf<T extends z.ZodRawShape>(shape: T) {
  return z.object(withoutDefaults(shape)).partial().strict();
}

// ---------- lists ----------

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const listQuerySchema = z.object({
  q: z.string().trim().max(200).optional().default(''),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ---------- settings ----------

/** Longest idle time before an agent console sets its agent Away: 480 minutes (8 hours); the domain repeats it. */
export const AGENT_IDLE_MINUTES_MAX = 480;

const onOff = z.boolean({ error: 'must be true or false' });
export const settingsSchema = z.object({
  supportQueues: onOff,
  useTopics: onOff,
  companyFilter: onOff,
  agentAutoAccept: onOff,
  remoteControlConsoleUrl: z.string({ error: 'must be text' }).max(2000),
  maxConcurrentChatsPerAgent: z
    .number({ error: 'must be a number' })
    .int('Max concurrent chats per agent must be a whole number')
    .min(0, 'Max concurrent chats per agent must be 0 (no limit) or more')
    .max(10_000, 'Max concurrent chats per agent must be at most 10000'),
  /**
   * Regular expressions (RE2 syntax) whose matches are masked in messages and
   * side notes before they are stored; the domain's `validateSettings` also
   * checks that each compiles and cannot match empty text.
   */
  maskPatterns: z
    .array(z.string({ error: 'must be text' }).min(1, 'A mask pattern cannot be empty').max(200, 'A mask pattern must be at most 200 characters'), {
      error: 'must be a list of patterns',
    })
    .max(20, 'At most 20 mask patterns'),
  /** E-mail the end user a PDF transcript when their chat ends, if they ask for it in the widget (issue 17; needs SMTP_URL at the gateway). */
  emailTranscripts: onOff,
  /** Largest attachment in bytes: 0 (attachments off) to 100 MiB. */
  attachmentMaxBytes: z
    .number({ error: 'must be a number' })
    .int('Largest attachment must be a whole number of bytes')
    .min(0, 'Largest attachment must be 0 (off) or more')
    .max(ATTACHMENT_MAX_BYTES_CEILING, 'Largest attachment must be at most 100 MiB (104857600 bytes)'),
  /** Media types an attachment may have, as found in its content (magic bytes), never its name. */
  attachmentTypes: z.array(mediaTypeSchema, { error: 'must be a list of media types' }).max(ATTACHMENT_TYPES_MAX, `At most ${ATTACHMENT_TYPES_MAX} attachment types`),
  /** The reasons an agent picks from when declining an offered chat (issue 14): 1 to 20, each at most 80 characters. */
  offerDeclineReasons: z
    .array(z.string({ error: 'must be text' }).trim().min(1, 'A decline reason cannot be empty').max(80, 'A decline reason must be at most 80 characters'), {
      error: 'must be a list of reasons',
    })
    .min(1, 'At least one decline reason')
    .max(20, 'At most 20 decline reasons'),
  /** The disposition codes an agent picks from during wrap-up (issue 14): 1 to 20, each at most 80 characters. */
  dispositionCodes: z
    .array(z.string({ error: 'must be text' }).trim().min(1, 'A disposition code cannot be empty').max(80, 'A disposition code must be at most 80 characters'), {
      error: 'must be a list of codes',
    })
    .min(1, 'At least one disposition code')
    .max(20, 'At most 20 disposition codes'),
  /**
   * Idle agents (issue 14): minutes an agent console may be hidden or without
   * input while Online before it sets the agent Away; 0 (the default) is off.
   */
  agentIdleMinutes: z
    .number({ error: 'must be a number' })
    .int('Away after idle must be a whole number of minutes')
    .min(0, 'Away after idle must be 0 (off) or more')
    .max(AGENT_IDLE_MINUTES_MAX, `Away after idle must be at most ${AGENT_IDLE_MINUTES_MAX} minutes`),
  /** Offers (issue 14): what an agent who lets an offer lapse becomes; Not responding by default. */
  offerLapsePresence: z.enum(['notResponding', 'away', 'offline'], { error: 'must be notResponding, away or offline' }),
});
/** A partial change; the domain's `validateSettings` decides what is allowed. */
export const settingsUpdateSchema = settingsSchema.partial().strict();
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;
export const settingsViewSchema = settingsSchema.extend({
  revision: z.number().int(),
  updatedAt: z.string().optional(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** What `settingsChanged` carries on NATS; listeners reload whatever it says. */
export const settingsChangedSchema = z.object({ revision: z.number().int() });

// ---------- queues ----------

/** Longest first-reply limit of a queue: a day. */
export const MAX_FIRST_REPLY_SECONDS = 86_400;
/** No first reply (issue 14): seconds an assigned chat waits for its agent's first message; 0 is off. */
const firstReplySecondsSchema = z
  .number({ error: 'First reply limit must be a number of seconds' })
  .int('First reply limit must be a whole number of seconds')
  .min(0, 'First reply limit cannot be negative (0 turns it off)')
  .max(MAX_FIRST_REPLY_SECONDS, `First reply limit is at most ${MAX_FIRST_REPLY_SECONDS} seconds (a day)`);

/** Longest time an agent has to answer an offered chat. */
export const MAX_OFFER_SECONDS = 600;
/** Offers (issue 14): seconds an agent has to accept or decline an offered chat; 0 assigns directly. */
const offerSecondsSchema = z
  .number({ error: 'Offer time must be a number of seconds' })
  .int('Offer time must be a whole number of seconds')
  .min(0, 'Offer time cannot be negative (0 assigns chats directly)')
  .max(MAX_OFFER_SECONDS, `Offer time is at most ${MAX_OFFER_SECONDS} seconds`);

/** Longest wrap-up after a chat. */
export const MAX_WRAP_UP_SECONDS = 3600;
/** Wrap-up (issue 14): seconds an agent gets no new chat after ending one; 0: none. */
const wrapUpSecondsSchema = z
  .number({ error: 'Wrap-up time must be a number of seconds' })
  .int('Wrap-up time must be a whole number of seconds')
  .min(0, 'Wrap-up time cannot be negative (0: no wrap-up)')
  .max(MAX_WRAP_UP_SECONDS, `Wrap-up time is at most ${MAX_WRAP_UP_SECONDS} seconds`);
const dispositionRequiredSchema = z.boolean({ error: 'must be true or false' });

/** Longest end-user inactivity time of a queue (each of its three): a day. */
export const MAX_USER_INACTIVITY_SECONDS = 86_400;
/** End-user inactivity (issue 15): a number of seconds from 0 (off) to a day. */
const inactivitySecondsSchema = (what: string) =>
  z
    .number({ error: `${what} must be a number of seconds` })
    .int(`${what} must be a whole number of seconds`)
    .min(0, `${what} cannot be negative (0 turns it off)`)
    .max(MAX_USER_INACTIVITY_SECONDS, `${what} is at most ${MAX_USER_INACTIVITY_SECONDS} seconds (a day)`);
const userInactivityWarnSecondsSchema = inactivitySecondsSchema('Inactivity warning time');
const userInactivityCloseSecondsSchema = inactivitySecondsSchema('Inactivity close time');
const userLeftCloseSecondsSchema = inactivitySecondsSchema('Close after leaving');
/** Longest maximum wait of a queue: a day. */
export const MAX_MAX_WAIT_SECONDS = 86_400;
/** Maximum wait (issue 15): seconds a queued chat waits for an agent before the end user is offered a choice (or it overflows); 0: off. */
const maxWaitSecondsSchema = z
  .number({ error: 'Maximum wait must be a number of seconds' })
  .int('Maximum wait must be a whole number of seconds')
  .min(0, 'Maximum wait cannot be negative (0 turns it off)')
  .max(MAX_MAX_WAIT_SECONDS, `Maximum wait is at most ${MAX_MAX_WAIT_SECONDS} seconds (a day)`);
/** Maximum wait (issue 15): the queue a chat overflows to when it waited too long; empty: none (the end user chooses). */
const overflowQueueSchema = z.union([queueNameSchema, z.literal('')]);

export const queueCreateSchema = z
  .object({
    name: queueNameSchema,
    description: trimmed(500).default(''),
    firstReplySeconds: firstReplySecondsSchema.default(0),
    offerSeconds: offerSecondsSchema.default(0),
    wrapUpSeconds: wrapUpSecondsSchema.default(0),
    dispositionRequired: dispositionRequiredSchema.default(false),
    userInactivityWarnSeconds: userInactivityWarnSecondsSchema.default(0),
    userInactivityCloseSeconds: userInactivityCloseSecondsSchema.default(0),
    userLeftCloseSeconds: userLeftCloseSecondsSchema.default(0),
    // Issue 15: opening hours (absent: always open) and maximum wait.
    openingHours: openingHoursSchema.optional(),
    maxWaitSeconds: maxWaitSecondsSchema.default(0),
    overflowQueue: overflowQueueSchema.default(''),
  })
  .strict();
export const queueUpdateSchema = z
  .object({
    description: trimmed(500).optional(),
    firstReplySeconds: firstReplySecondsSchema.optional(),
    offerSeconds: offerSecondsSchema.optional(),
    wrapUpSeconds: wrapUpSecondsSchema.optional(),
    dispositionRequired: dispositionRequiredSchema.optional(),
    userInactivityWarnSeconds: userInactivityWarnSecondsSchema.optional(),
    userInactivityCloseSeconds: userInactivityCloseSecondsSchema.optional(),
    userLeftCloseSeconds: userLeftCloseSecondsSchema.optional(),
    // Issue 15: null removes the opening hours (always open).
    openingHours: openingHoursSchema.nullable().optional(),
    maxWaitSeconds: maxWaitSecondsSchema.optional(),
    overflowQueue: overflowQueueSchema.optional(),
  })
  .strict();
/** What creating a queue takes (the fields left out get their defaults) and what a change may set. */
export type QueueCreate = z.input<typeof queueCreateSchema>;
export type QueueUpdate = z.input<typeof queueUpdateSchema>;
export interface QueueView {
  name: string;
  description: string;
  /** Seconds an assigned chat of this queue waits for its agent's first message before it goes back to the queue; 0: off. */
  firstReplySeconds: number;
  /** Seconds an agent has to accept or decline a chat offered from this queue (with Agent Auto Accept on); 0: chats are assigned directly. */
  offerSeconds: number;
  /** Seconds an agent gets no new chat after ending or abandoning one of this queue (wrap-up); 0: none. */
  wrapUpSeconds: number;
  /** Wrap-up lasts until the agent records a disposition code. */
  dispositionRequired: boolean;
  /** Seconds an end user may leave the agent unanswered before being asked "Are you still there?"; 0: never asked. */
  userInactivityWarnSeconds: number;
  /** Seconds after that question (or, without it, after the agent's message) before the chat closes as `userInactive`; 0: never closed. */
  userInactivityCloseSeconds: number;
  /** Seconds after the end user is marked as gone (R12) before the chat closes as `userLeft`; 0: never closed. */
  userLeftCloseSeconds: number;
  /** Issue 15: when the queue takes chats; absent: always. */
  openingHours?: OpeningHours;
  /** Issue 15: seconds a queued chat waits for an agent before the end user is offered a choice or it overflows; 0: off. */
  maxWaitSeconds: number;
  /** Issue 15: where a chat that waited `maxWaitSeconds` goes; empty: the end user chooses. */
  overflowQueue: string;
  /** `General`: always exists, cannot be deleted. */
  protected: boolean;
  topics: number;
  agents: number;
}

// ---------- priority (issue 15) ----------

/**
 * The priority chats start with, set on an end user (a VIP), a company or a
 * topic: PRIORITY_MIN (normal) to PRIORITY_MAX; a chat starts with the
 * highest of the three. Optional in every body: left out, it stays as it is
 * (0 for a new record); views carry it only when above 0.
 */
export const adminPrioritySchema = z
  .number({ error: 'Priority must be a number' })
  .int('Priority must be a whole number')
  .min(PRIORITY_MIN, `Priority is ${PRIORITY_MIN} (normal) or more`)
  .max(PRIORITY_MAX, `Priority is at most ${PRIORITY_MAX}`);

// ---------- topics ----------

export const topicCreateSchema = z.object({ id: slugSchema, name: required(120, 'Name'), queue: queueNameSchema, priority: adminPrioritySchema.optional() }).strict();
const topicFields = { name: required(120, 'Name'), queue: queueNameSchema, priority: adminPrioritySchema.optional() };
export const topicUpdateSchema = replacementOf(topicFields);
export const topicPatchSchema = patchOf(topicFields);
export interface TopicView {
  id: string;
  name: string;
  queue: string;
  /** Issue 15: the priority of chats on this topic (present only when above 0). */
  priority?: number;
}

// ---------- agents (profile; presence and load live elsewhere) ----------

/** Issue 16: most queues one agent supervises (the domain's MAX_SUPERVISED_QUEUES says the same; its test checks). */
export const MAX_SUPERVISED_QUEUES = 50;

export const agentCreateSchema = z
  .object({
    id: slugSchema,
    displayName: required(120, 'Display name'),
    queues: z.array(queueNameSchema).max(100).default([]),
    companies: z.array(slugSchema).max(500).default([]),
    /** Per-agent cap; 0 uses the setting. */
    cap: z.number().int().min(0).max(10_000).default(0),
    /**
     * Issue 16: the queues this agent supervises (monitor, whisper, take over
     * their chats in the agent console), at most MAX_SUPERVISED_QUEUES; left
     * out or empty: not a supervisor. Optional in PUT too (left as it is).
     */
    supervisedQueues: z.array(queueNameSchema).max(MAX_SUPERVISED_QUEUES).optional(),
  })
  .strict();
export const agentUpdateSchema = replacementOf(agentCreateSchema.omit({ id: true }).shape);
/** PATCH may also disable or enable the agent (issue 13); PUT and POST leave that as it is. */
export const agentPatchSchema = patchOf({ ...agentCreateSchema.omit({ id: true }).shape, disabled: z.boolean() });
export interface AgentView {
  id: string;
  displayName: string;
  queues: string[];
  companies: string[];
  cap: number;
  /** Issue 16: present (non-empty) only for a supervisor. */
  supervisedQueues?: string[];
  /** A disabled agent cannot sign in or connect; their tokens were ended when they were disabled (issue 13). Present (true) only when disabled. */
  disabled?: boolean;
}

// ---------- companies ----------

export const companyCreateSchema = z
  .object({
    id: slugSchema,
    name: required(160, 'Name'),
    emailDomains: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'not a domain name')).max(50).default([]),
    notes: trimmed(2000).default(''),
    priority: adminPrioritySchema.optional(),
  })
  .strict();
export const companyUpdateSchema = replacementOf(companyCreateSchema.omit({ id: true }).shape);
export const companyPatchSchema = patchOf(companyCreateSchema.omit({ id: true }).shape);
export interface CompanyView {
  id: string;
  name: string;
  emailDomains: string[];
  notes: string;
  /** Issue 15: the priority of the company's chats (present only when above 0). */
  priority?: number;
}

// ---------- end users ----------

export const assetSchema = z
  .object({ id: slugSchema, name: required(160, 'Asset name'), deviceId: trimmed(200).optional() })
  .strict();
export const endUserCreateSchema = z
  .object({
    id: slugSchema,
    displayName: required(160, 'Display name'),
    companyId: slugSchema,
    email: z.union([z.literal(''), z.string().trim().email('not an email address').max(254)]).default(''),
    phone: z.union([z.literal(''), z.string().trim().regex(/^[+0-9 ()./-]{3,40}$/, 'not a phone number')]).default(''),
    site: trimmed(160).default(''),
    assets: z.array(assetSchema).max(100).default([]),
    /** Issue 15: a VIP's priority. */
    priority: adminPrioritySchema.optional(),
  })
  .strict();
export const endUserUpdateSchema = replacementOf(endUserCreateSchema.omit({ id: true }).shape);
/** PATCH may also disable or enable the end user (issue 13); PUT and POST leave that as it is. */
export const endUserPatchSchema = patchOf({ ...endUserCreateSchema.omit({ id: true }).shape, disabled: z.boolean() });
export interface EndUserView {
  id: string;
  displayName: string;
  companyId: string;
  email: string;
  phone: string;
  site: string;
  assets: { id: string; name: string; deviceId?: string }[];
  /** Issue 15: the end user's priority, a VIP (present only when above 0). */
  priority?: number;
  /** A disabled end user cannot sign in or connect; their tokens were ended when they were disabled (issue 13). Present (true) only when disabled. */
  disabled?: boolean;
}

// ---------- resources agents see (R15) ----------

export const knowledgeArticleCreateSchema = z
  .object({
    title: required(200, 'Title'),
    body: required(20_000, 'Text'),
    tags: z.array(trimmed(40).min(1)).max(20).default([]),
  })
  .strict();
export const knowledgeArticleUpdateSchema = replacementOf(knowledgeArticleCreateSchema.shape);
export const knowledgeArticlePatchSchema = patchOf(knowledgeArticleCreateSchema.shape);
export interface KnowledgeArticleView {
  id: string;
  title: string;
  body: string;
  tags: string[];
  updatedAt: string;
}

export const responseTemplateCreateSchema = z
  .object({ title: required(200, 'Title'), text: required(4000, 'Text') })
  .strict();
export const responseTemplateUpdateSchema = replacementOf(responseTemplateCreateSchema.shape);
export const responseTemplatePatchSchema = patchOf(responseTemplateCreateSchema.shape);
export interface ResponseTemplateView {
  id: string;
  title: string;
  text: string;
  updatedAt: string;
}

const isoDate = z.iso.datetime({ offset: true, message: 'not a date and time (ISO 8601)' });
export const outageCreateSchema = z
  .object({
    title: required(200, 'Title'),
    description: trimmed(4000).default(''),
    startsAt: isoDate,
    endsAt: isoDate.optional(),
    /** Empty: every company. */
    companies: z.array(slugSchema).max(500).default([]),
  })
  .strict()
  .refine((o) => !o.endsAt || Date.parse(o.endsAt) > Date.parse(o.startsAt), { message: 'must be after the start', path: ['endsAt'] });
export const outageUpdateSchema = z
  .object({
    title: required(200, 'Title'),
    description: trimmed(4000),
    startsAt: isoDate,
    endsAt: isoDate.nullable(),
    companies: z.array(slugSchema).max(500),
  })
  .partial()
  .strict();
export interface OutageView {
  id: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt?: string;
  companies: string[];
  /** Derived: started and not ended. */
  active: boolean;
}
