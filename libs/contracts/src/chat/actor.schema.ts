import { z } from 'zod';
import { plainText } from '../text/plain-text';

/** An id in a command: 1 to 128 characters, not blank. */
export const idSchema = plainText().min(1).max(128).regex(/\S/, 'must not be blank');

export const ACTOR_ROLES = ['endUser', 'agent', 'admin', 'system'] as const;

/**
 * Who issued a command (and so who caused its events: their `by`). `system`
 * is the router, the gateway or the presence tracker acting on its own (R4,
 * R5.4, R12). Set by the gateway from the authenticated token, never by the
 * client.
 */
export const actorSchema = z.object({
  role: z.enum(ACTOR_ROLES),
  id: idSchema,
});
export type ActorMessage = z.infer<typeof actorSchema>;
