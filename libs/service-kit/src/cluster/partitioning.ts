import { hash32 } from '@switchboard/contracts';

/**
 * Pure placement: which live member should own a partition (rendezvous
 * hashing with a bounded load, see `placement`).
 */
export function desiredPartitions(self: string, members: readonly string[], partitions: number): Set<number> {
  const all = members.includes(self) ? members : [...members, self];
  const mine = new Set<number>();
  for (const [p, owner] of placement(all, partitions)) if (owner === self) mine.add(p);
  return mine;
}

/**
 * Every partition's owner: rendezvous weights with a bounded load. Plain
 * rendezvous hashing left two processes with 5 and 11 of 16 partitions (the
 * busier one then queued commands while the other idled); here no member
 * gets more than ceil(partitions / members). The (partition, member) pairs
 * are taken by falling weight, and a pair is used while its partition has
 * no owner and its member has room: every member computes the same answer
 * from the same member list, a partition still goes to its heaviest member
 * whenever that one has room, and a member that leaves moves its own
 * partitions plus the few whose heavier member now has room again.
 */
export function placement(members: readonly string[], partitions: number): Map<number, string> {
  const unique = [...new Set(members)].sort();
  const owners = new Map<number, string>();
  if (unique.length === 0) return owners;
  const room = Math.ceil(partitions / unique.length);
  const pairs: Array<{ partition: number; member: string; weight: number }> = [];
  for (let partition = 0; partition < partitions; partition++) {
    for (const member of unique) pairs.push({ partition, member, weight: hash32(`${member}#${partition}`) });
  }
  pairs.sort((a, b) => b.weight - a.weight || (a.member < b.member ? -1 : a.member > b.member ? 1 : 0) || a.partition - b.partition);
  const load = new Map(unique.map((m) => [m, 0]));
  for (const { partition, member } of pairs) {
    if (owners.has(partition) || load.get(member)! >= room) continue;
    owners.set(partition, member);
    load.set(member, load.get(member)! + 1);
  }
  return owners;
}
