import { bootstrapService, loadConfig } from '@switchboard/service-kit';
import { gatewayConfigSchema } from './config';
import { GatewayModule } from './gateway.module';
import { configureGatewayHttp } from './http/gateway-http';

async function main(): Promise<void> {
  const config = loadConfig(gatewayConfigSchema);
  await bootstrapService(GatewayModule.forRoot(config), config, (app) => configureGatewayHttp(app, config));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
