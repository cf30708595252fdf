import { baseConfigSchema } from '@switchboard/service-kit';

export const chatActorConfigSchema = baseConfigSchema.extend({
  HTTP_PORT: baseConfigSchema.shape.HTTP_PORT.default(3101),
});
export type ChatActorConfig = ReturnType<typeof chatActorConfigSchema.parse>;
