import { bootstrapService, loadConfig } from '@switchboard/service-kit';
import { RouterModule } from './router.module';
import { routerConfigSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfig(routerConfigSchema);
  await bootstrapService(RouterModule.forRoot(config), config);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
