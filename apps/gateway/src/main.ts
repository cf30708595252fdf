import { bootstrapService, loadConfig } from '@switchboard/service-kit';
import { serveAdminConsole, serveWebApp } from './admin-console/serve-admin-console';
import { gatewayConfigSchema } from './config';
import { GatewayModule } from './gateway.module';
import { serveOpenApi } from './openapi/openapi';

async function main(): Promise<void> {
  const config = loadConfig(gatewayConfigSchema);
  await bootstrapService(GatewayModule.forRoot(config), config, (app) => {
    serveOpenApi(app);
    serveAdminConsole(app, config.ADMIN_STATIC_DIR);
    serveWebApp(app, config.AGENT_STATIC_DIR, 'agent');
    serveWebApp(app, config.WIDGET_STATIC_DIR, 'widget');
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
