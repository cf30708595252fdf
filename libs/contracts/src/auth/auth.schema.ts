import { z } from 'zod';
import { plainText } from '../text/plain-text';

/** Who a signed token speaks for. An administrator may also act as an agent elsewhere; one role per token. */
export const PRINCIPAL_ROLES = ['endUser', 'agent', 'admin'] as const;
export const principalRoleSchema = z.enum(PRINCIPAL_ROLES);
export type PrincipalRole = z.infer<typeof principalRoleSchema>;

export const principalSchema = z.object({
  /** The id of the end user, agent or administrator record. */
  id: z.string().min(1).max(128),
  role: principalRoleSchema,
  /** Display name. */
  name: z.string().min(1).max(200),
});
export type Principal = z.infer<typeof principalSchema>;

/** `POST /api/auth/login` body. */
export const loginRequestSchema = z
  .object({
    username: plainText().trim().min(1).max(128),
    password: plainText().min(1).max(256),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** `POST /api/auth/login` answer: a bearer token for REST (`Authorization: Bearer`) and the WebSocket handshake. */
export const loginResponseSchema = z.object({
  token: z.string().min(1),
  /** ISO time the token stops being accepted. */
  expiresAt: z.string(),
  principal: principalSchema,
  /**
   * Buys a new pair at `POST /api/auth/refresh` until `refreshExpiresAt`, unless the sign-in or the sessions were ended meanwhile.
   * Only for clients without the `X-Switchboard-Console` header (non-browser clients): a console gets it as an HttpOnly cookie instead.
   */
  refreshToken: z.string().min(1).optional(),
  refreshExpiresAt: z.string().optional(),
  /** How this sign-in began (`oidc`: through the company's provider, whose sign-out the console may also call). */
  method: z.enum(['password', 'oidc']).optional(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** `POST /api/auth/refresh` and `POST /api/auth/sign-out` body of a non-browser client (a console sends none: its cookie carries the token). */
export const refreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(4096) }).strict();
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;
