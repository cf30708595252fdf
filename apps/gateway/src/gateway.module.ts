import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceModule } from '@switchboard/service-kit';
import type { GatewayConfig } from './config';
import { DiagnosticsController } from './diagnostics/diagnostics.controller';

/** The gateway: WebSocket for agents and end users, REST for admins; stateless. */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [ServiceModule.forService('gateway', config)],
      controllers: [DiagnosticsController],
    };
  }
}
