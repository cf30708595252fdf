import { bootstrapService, loadConfig } from '@switchboard/service-kit';
import { RouterModule } from './router.module';
import { routerConfigSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfig(routerConfigSchema);
  await bootstrapService(RouterModule.forRoot(config), config);
}

main().catch((error) => {
  // The whole error: its kind, code and stack say what failed where (a NATS timeout's message alone is empty).
  console.error('start-up failed:', error);
  process.exit(1);
});
