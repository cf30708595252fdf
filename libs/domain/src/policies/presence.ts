import type { Presence } from '../session/context';

/**
 * Presence in one place (R18, issue 14): every rule about an agent's
 * presence, what each state lets the agent receive and what leaving a state
 * does to the chats waiting on the agent. The services only report facts and
 * act on these answers; none decides a presence rule of its own.
 *
 * | presence        | entered when                                           | left when                               |
 * |-----------------|--------------------------------------------------------|-----------------------------------------|
 * | online          | the agent connects (`presenceOnConnect`) or chooses it | the agent chooses away, a lapse, offline |
 * | away            | the agent chooses it (console button, idle console)    | the agent chooses online                |
 * | notResponding   | an offer lapses (`presenceAfterOfferLapse`)            | the agent chooses online                |
 * | wrapUp          | an online agent ends or abandons a chat of a queue     | its time is up, or the disposition is   |
 * |                 | with wrap-up (derived from the live state, never set)  | recorded when one is required           |
 * | offline         | connected to no gateway for the grace period           | the agent connects                      |
 *
 * Who reports which fact, and who acts on it:
 * - the gateway holding the agent's sockets reports connects, the agent's
 *   choices (`presence.set`) and, after the grace period
 *   (`AGENT_PRESENCE_GRACE_MS`), that the agent is connected to no gateway;
 *   every gateway sweeps for agents whose gateway died (`sweptWhenConnectedNowhere`);
 * - the chat-actor that commits `OfferLapsed` applies `presenceAfterOfferLapse`,
 *   and records wrap-up when it commits the end of a chat;
 * - the router watches presence and sends `TargetWentOffline` for each pending
 *   transfer (R5.4) or offer (issue 14) that `keepsPendingTransfer` or
 *   `keepsPendingOffer` no longer allows; the session decides the revert or
 *   withdrawal by the same rules; its load sweep uncounts what no session confirms;
 * - all of them write through the agent-state store, the one writer of the
 *   agents' live state (compare-and-set per agent, A6).
 */

/** R18, issue 14: only an online agent is offered, transferred or assigned new chats (away, not responding, wrap-up, offline are not). */
export function receivesNewChats(presence: Presence): boolean {
  return presence === 'online';
}

/** R5.4: a transfer waiting on an agent stays while the agent is connected (it may still accept), and goes back to the queue once offline. */
export function keepsPendingTransfer(presence: Presence): boolean {
  return presence !== 'offline';
}

/** Issue 14: an offer waits only while its agent is online; away, not responding or offline withdraws it at once. */
export function keepsPendingOffer(presence: Presence): boolean {
  return presence === 'online';
}

/**
 * R18, issue 14: what an agent becomes on connecting. A chosen Away and a
 * Not responding stay (only the agent ends them); anything else is online.
 */
export function presenceOnConnect<P extends Presence>(current: P): P | 'online' {
  return current === 'away' || current === 'notResponding' ? current : 'online';
}

/**
 * Issue 14: what an agent who let an offer lapse becomes: the
 * administrator's choice (`offerLapsePresence`), but only from online; a
 * presence the agent chose since, or offline, stands.
 */
export function presenceAfterOfferLapse<P extends Presence>(current: P, chosen: 'notResponding' | 'away' | 'offline'): P | typeof chosen {
  return current === 'online' ? chosen : current;
}

/** R18: an agent shown present whom no gateway holds must be checked (its gateway may have died with its grace timer). */
export function sweptWhenConnectedNowhere(presence: Presence): boolean {
  return presence !== 'offline';
}

/** R18: how long an agent connected to no gateway stays as it was before going offline, unless a setting says otherwise. */
export const DEFAULT_AGENT_PRESENCE_GRACE_MS = 30_000;
