import { hash32 } from '@switchboard/contracts';

/** Which router partition a queue belongs to: every router computes the same. */
export function partitionOfQueue(queue: string, partitions: number): number {
  return hash32(`queue:${queue}`) % partitions;
}
