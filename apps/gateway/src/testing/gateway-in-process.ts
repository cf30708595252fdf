import type { INestApplication } from '@nestjs/common';
import { bootstrapService, loadConfig } from '@switchboard/service-kit';
import { gatewayConfigSchema, type GatewayConfig } from '../config';
import { GatewayModule } from '../gateway.module';
import { configureGatewayHttp } from '../http/gateway-http';

export interface InProcessGateway {
  app: INestApplication;
  config: GatewayConfig;
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/** Starts the gateway inside the test process (tests that need its services at hand), with the HTTP set-up of `npm start`. */
export async function startGatewayInProcess(env: Record<string, string>): Promise<InProcessGateway> {
  const config = loadConfig(gatewayConfigSchema, { HTTP_PORT: '0', LOG_LEVEL: process.env['GATEWAY_TEST_LOG_LEVEL'] ?? 'silent', ...env });
  const app = await bootstrapService(GatewayModule.forRoot(config), config, (nest) => configureGatewayHttp(nest, config));
  const address = app.getHttpServer().address() as { port: number };
  return { app, config, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
