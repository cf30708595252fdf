import { hash32 } from '@switchboard/contracts';

/**
 * Pure placement: which live member
 * should own a partition. Rendezvous (highest random weight) hashing moves
 * only the partitions of a member that joins or leaves.
 */

/** The member with the highest weight for this partition; undefined with no members. */
export function rendezvousOwner(partition: number, members: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestWeight = -1;
  for (const member of members) {
    const weight = hash32(`${member}#${partition}`);
    if (weight > bestWeight || (weight === bestWeight && best !== undefined && member < best)) {
      best = member;
      bestWeight = weight;
    }
  }
  return best;
}

export function desiredPartitions(self: string, members: readonly string[], partitions: number): Set<number> {
  const all = members.includes(self) ? members : [...members, self];
  const mine = new Set<number>();
  for (let p = 0; p < partitions; p++) if (rendezvousOwner(p, all) === self) mine.add(p);
  return mine;
}
