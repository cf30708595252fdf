import { bootstrapService, loadConfig } from '@switchboard/service-kit';
import { serveAdminConsole } from './admin-console/serve-admin-console';
import { gatewayConfigSchema } from './config';
import { GatewayModule } from './gateway.module';

async function main(): Promise<void> {
  const config = loadConfig(gatewayConfigSchema);
  await bootstrapService(GatewayModule.forRoot(config), config, (app) => {
    serveAdminConsole(app, config.ADMIN_STATIC_DIR);
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
