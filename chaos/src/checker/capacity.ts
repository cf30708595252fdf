import type { ChaosEvent, Violation } from './evidence';

/**
 * R4.1, A6: no automatic assignment takes an agent above its cap. Loads are
 * replayed in event order (`inEventOrder`): a session counts against the
 * agent it is ASSIGNED to, from its assignment to the event that moves it
 * off (transfer, transfer to a queue, release, close, abandonment). A
 * manual accept of a transfer may go above the cap (R4.2) and is counted,
 * never reported; an automatic assignment that makes the load exceed the
 * agent's cap (its own, else the setting's; 0: none) is a violation.
 */
export function checkCapacity(ordered: readonly ChaosEvent[], agentCaps: Readonly<Record<string, number>>, defaultCap: number): Violation[] {
  const violations: Violation[] = [];
  const loads = new Map<string, Set<string>>();
  const ownerOf = new Map<string, string>();
  const release = (sessionId: string) => {
    const owner = ownerOf.get(sessionId);
    if (owner === undefined) return;
    loads.get(owner)?.delete(sessionId);
    ownerOf.delete(sessionId);
  };
  for (const e of ordered) {
    switch (e.type) {
      case 'SessionAssigned': {
        release(e.sessionId);
        const agent = e.agentId ?? '?';
        const load = loads.get(agent) ?? new Set<string>();
        loads.set(agent, load.add(e.sessionId));
        ownerOf.set(e.sessionId, agent);
        const own = agentCaps[agent] ?? 0;
        const cap = own > 0 ? own : defaultCap;
        if (e.via === 'autoAssign' && cap > 0 && load.size > cap) {
          violations.push({
            check: 'cap',
            message: `agent ${agent} (cap ${cap}) automatically assigned session ${e.sessionId} (seq ${e.seq}, at ${e.at}) holding ${load.size}: ${[...load].join(', ')}`,
          });
        }
        break;
      }
      case 'TransferRequested':
      case 'TransferredToQueue':
      case 'SessionReleased':
      case 'SessionClosed':
      case 'SessionAbandoned':
        release(e.sessionId);
        break;
      default:
        break;
    }
  }
  return violations;
}
