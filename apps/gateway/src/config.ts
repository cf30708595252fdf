import { baseConfigSchema } from '@switchboard/service-kit';
import { z } from 'zod';

export const gatewayConfigSchema = baseConfigSchema.extend({
  HTTP_PORT: baseConfigSchema.shape.HTTP_PORT.default(3000),
  /** Built admin console (apps/admin); served under /admin when present. */
  ADMIN_STATIC_DIR: z.string().default('dist/apps/admin/browser'),
});
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
