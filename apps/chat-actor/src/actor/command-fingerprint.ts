import type { SessionCommand } from '@switchboard/domain';
import { createHash } from 'node:crypto';

/**
 * A fingerprint of what a command asks, without its id: a retry carries the
 * same one, and a command id reused for another body (another text, another
 * target) is told apart and refused with COMMAND_ID_REUSED (A3). Keys are
 * sorted, so the order a sender wrote them in does not matter.
 */
export function commandFingerprint(command: SessionCommand): string {
  const { commandId: _id, ...body } = command;
  return createHash('sha256').update(stableJson(body)).digest('base64url');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
