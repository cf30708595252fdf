import { z } from 'zod';

/** A comma-separated list of origins (`https://console.example.com,https://help.example.com`). */
const originList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const origins: string[] = [];
    for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
      try {
        const url = new URL(item);
        if (url.origin === 'null') throw new Error('opaque');
        origins.push(url.origin);
      } catch {
        ctx.addIssue({ code: 'custom', message: `"${item}" is not an origin (scheme://host[:port])` });
      }
    }
    return origins;
  });

export const httpConfigFields = {
  /** The gateway's own public URL (`https://switchboard.example.com`); its origin may open sockets. */
  PUBLIC_URL: z.string().url().optional(),
  /**
   * Which proxies' X-Forwarded-For to believe (Express "trust proxy": `loopback`, a hop count,
   * or addresses/subnets). Behind a TLS terminator set it, or every client has the terminator's
   * address and the per-address sign-in limit is shared by all of them.
   */
  TRUST_PROXY: z.string().default(''),
  /** Further origins whose pages may open a WebSocket (a console served elsewhere). */
  ALLOWED_ORIGINS: originList,
};

export interface HttpConfig {
  TRUST_PROXY: string;
  PUBLIC_URL?: string;
  ALLOWED_ORIGINS: string[];
}
