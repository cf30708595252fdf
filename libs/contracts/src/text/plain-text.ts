import { z } from 'zod';

/**
 * No U+0000 anywhere: the database refuses it inside a string, so a NUL
 * that got past the edge became an INTERNAL answer or a retry that could
 * never succeed (issue 13). Every string a client sends starts from
 * `plainText()`, so each edge (WebSocket frames, NATS commands, the admin
 * REST API) refuses it with its typed validation error.
 */
export const NUL_FREE_PATTERN = /^[^\u0000]*$/;
export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/** A string from outside the system: NUL refused. */
export const plainText = () => z.string().regex(NUL_FREE_PATTERN, NUL_MESSAGE);
