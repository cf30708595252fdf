import { bootstrapService, loadConfig } from '@switchboard/service-kit';
import { gatewayConfigSchema } from './config';
import { GatewayModule } from './gateway.module';
import { configureGatewayHttp } from './http/gateway-http';

async function main(): Promise<void> {
  const config = loadConfig(gatewayConfigSchema);
  await bootstrapService(GatewayModule.forRoot(config), config, (app) => configureGatewayHttp(app, config));
}

main().catch((error) => {
  // The whole error: its kind, code and stack say what failed where (a NATS timeout's message alone is empty).
  console.error('start-up failed:', error);
  process.exit(1);
});
