/**
 * Checks an assertion again and again for `forMs`: it must hold every time.
 * For "nothing happens" (no lease lost, no second assignment), instead of
 * one check after a guessed sleep.
 */
export async function consistently(
  assertion: () => unknown | Promise<unknown>,
  options: { forMs: number; intervalMs?: number },
): Promise<void> {
  const until = Date.now() + options.forMs;
  do {
    await assertion();
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 50));
  } while (Date.now() < until);
  await assertion();
}
