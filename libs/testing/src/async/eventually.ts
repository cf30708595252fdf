/**
 * Retries an assertion until it passes or the time is up; for asynchronous
 * flows, instead of sleeping a guessed amount.
 */
export async function eventually<T>(
  assertion: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10000);
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await assertion();
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, options.intervalMs ?? 50));
    }
  }
  throw lastError;
}
