import { maskText, type SessionCommand } from '@switchboard/domain';
import { createHash } from 'node:crypto';

/**
 * A fingerprint of what a command asks, without its id: a retry carries the
 * same one, and a command id reused for another body (another text, another
 * target) is told apart and refused with COMMAND_ID_REUSED (A3). Keys are
 * sorted, so the order a sender wrote them in does not matter. It is stored
 * with the commit, so it is taken of the text as masked (card numbers and
 * the administrator's patterns): an unmasked number must not be recoverable
 * from it by trying candidates.
 */
export function commandFingerprint(command: SessionCommand, maskPatterns: readonly string[] = []): string {
  const { commandId: _id, ...body } = command;
  return createHash('sha256').update(stableJson(body, maskPatterns)).digest('base64url');
}

function stableJson(value: unknown, maskPatterns: readonly string[]): string {
  if (typeof value === 'string') return JSON.stringify(maskText(value, maskPatterns).text);
  if (Array.isArray(value)) return `[${value.map((v) => stableJson(v, maskPatterns)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v, maskPatterns)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
