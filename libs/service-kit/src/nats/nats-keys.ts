/**
 * Free-text ids (usernames, agent ids) as one subject token or KV key: those
 * allow none of `. * >` and spaces, so the id travels as base64url (`_` for
 * the empty id).
 */
export const natsSafeKey = (id: string): string => Buffer.from(id, 'utf8').toString('base64url') || '_';

export const fromNatsSafeKey = (key: string): string => (key === '_' ? '' : Buffer.from(key, 'base64url').toString('utf8'));

/**
 * A KV compare-and-set lost to another writer: JetStream refuses a write
 * whose expected last sequence is stale with API error 10071.
 */
export function isRevisionConflict(error: unknown): boolean {
  const e = error as { code?: unknown; message?: string };
  return e?.code === 10071 || /wrong last sequence/i.test(e?.message ?? '');
}
