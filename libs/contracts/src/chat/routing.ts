/**
 * Where a chat command goes. Commands travel to `<prefix>.chat.cmd.<partition>`;
 * the chat-actor process holding that partition's lease answers.
 *
 * A session id starts with its end user's routing key (`<key>-<random>`), so
 * every session of one end user, and their start requests, live in the same
 * partition: one actor decides "one open session per end user" (R1.2).
 */

/**
 * FNV-1a, 32 bit, then murmur3's finaliser: stable across processes and
 * versions, and well mixed even for keys that differ in one character.
 */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export const DEFAULT_CHAT_PARTITIONS = 32;

/** `[0-9a-z]{1,7}`: the end user's routing key. */
export function userRoutingKey(endUserId: string): string {
  return hash32(endUserId).toString(36);
}

/** A new session id for this end user; `random` is any unique string (a UUID). */
export function newSessionId(endUserId: string, random: string): string {
  return `${userRoutingKey(endUserId)}-${random}`;
}

export const SESSION_ID_PATTERN = /^[0-9a-z]{1,7}-[A-Za-z0-9_-]{8,64}$/;

export function sessionRoutingKey(sessionId: string): string {
  const dash = sessionId.indexOf('-');
  return dash > 0 ? sessionId.slice(0, dash) : sessionId;
}

export function partitionOfKey(routingKey: string, partitions: number): number {
  return hash32(routingKey) % partitions;
}

export function partitionOfSession(sessionId: string, partitions: number): number {
  return partitionOfKey(sessionRoutingKey(sessionId), partitions);
}
