/** The gateway's frame limit unless `WS_MAX_FRAME_BYTES` says otherwise (`hello.limits.maxFrameBytes` tells the one in force). */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024;

/**
 * Most rows each of an agent's lists carries in one `lists.snapshot` or
 * `agent.lists` frame; `totals` says how many there are in all and
 * `agent.lists` with `offset` reads further.
 */
export const AGENT_LIST_MAX_ITEMS = 100;

/** Characters of a session's description a list row carries (control characters as spaces); the whole one is in `SessionDetail`. */
export const LIST_DESCRIPTION_PREVIEW = 200;

/** Bytes (UTF-8) a `lists.snapshot` frame or an `agent.lists` reply stays within, whatever the rows hold: rows beyond it are left out like rows beyond AGENT_LIST_MAX_ITEMS. */
export const LISTS_FRAME_MAX_BYTES = 256 * 1024;

/**
 * Most pending offers `presence.get` tells an agent (issue 14), the ones due
 * first: a console that connects while chats are offered to it shows them
 * again. Offers count against the agent's cap, so an agent normally has far
 * fewer; one without a cap could be offered more.
 */
export const PENDING_OFFERS_MAX = 20;
