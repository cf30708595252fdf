/** R4.1: queues are served oldest first, so the place says how many are ahead. */
export function placeInQueue(position: number | undefined, queue: string): string {
  if (position === undefined) return `You are in the ${queue} queue.`;
  if (position === 1) return `You are next in the ${queue} queue.`;
  const ahead = position - 1;
  return `You are number ${position} in the ${queue} queue (${ahead} ${ahead === 1 ? 'chat' : 'chats'} ahead of you).`;
}
