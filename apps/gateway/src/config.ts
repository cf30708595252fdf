import { baseConfigSchema } from '@switchboard/service-kit';
import { z } from 'zod';
import { attachmentsConfigFields } from './attachments/attachments.config';
import { httpConfigFields } from './http/http.config';
import { identityConfigFields } from './identity/identity.config';
import { connectionPolicyFields } from './realtime/connection/connection-policy';
import { realtimeConfigFields } from './realtime/realtime.config';
import { transcriptConfigFields } from './transcripts/transcript.config';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

export const gatewayConfigSchema = baseConfigSchema.extend({
  HTTP_PORT: baseConfigSchema.shape.HTTP_PORT.default(3000),
  /** Built admin console (apps/admin); served under /admin when present. */
  ADMIN_STATIC_DIR: z.string().default('dist/apps/admin/browser'),
  /** Built agent console (apps/agent); served under /agent when present. */
  AGENT_STATIC_DIR: z.string().default('dist/apps/agent/browser'),
  /** Built end-user chat widget (apps/widget); served under /widget when present. */
  WIDGET_STATIC_DIR: z.string().default('dist/apps/widget/browser'),
  /** Seed the demo queues, topics, companies, users and logins at start-up (`npm start` sets it). */
  SEED_DEMO_DATA: flag,
  ...httpConfigFields,
  ...identityConfigFields,
  ...realtimeConfigFields,
  ...connectionPolicyFields,
  ...transcriptConfigFields,
  ...attachmentsConfigFields,
});
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
