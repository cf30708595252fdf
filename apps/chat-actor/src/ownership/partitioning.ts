/**
 * Pure placement: which partition a key falls in, and which live member
 * should own a partition. Rendezvous (highest random weight) hashing moves
 * only the partitions of a member that joins or leaves.
 */

/**
 * FNV-1a, 32 bit, then murmur3's finaliser: stable across processes and
 * versions, and well mixed even for keys that differ in one character
 * (plain FNV favours one of `a#1` / `b#1` for every partition).
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

export function partitionOf(key: string, partitions: number): number {
  return hash32(key) % partitions;
}

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
