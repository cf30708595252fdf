import { baseConfigSchema } from '@switchboard/service-kit';

export const routerConfigSchema = baseConfigSchema.extend({
  HTTP_PORT: baseConfigSchema.shape.HTTP_PORT.default(3201),
});
export type RouterConfig = ReturnType<typeof routerConfigSchema.parse>;
