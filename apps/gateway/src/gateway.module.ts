import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceModule } from '@switchboard/service-kit';
import { AdminApiModule } from './admin-api/admin-api.module';
import { AttachmentsModule } from './attachments/attachments.module';
import type { GatewayConfig } from './config';
import { DemoDataModule } from './demo-data/demo-data.module';
import { DiagnosticsController } from './diagnostics/diagnostics.controller';
import { IdentityModule } from './identity';
import { RealtimeModule } from './realtime/realtime.module';
import { TranscriptsModule } from './transcripts/transcripts.module';

/** The gateway: WebSocket for agents and end users, REST for admins; stateless. */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ServiceModule.forService('gateway', config),
        IdentityModule.forRoot(config),
        RealtimeModule.forRoot(config),
        TranscriptsModule.forRoot(config),
        AdminApiModule,
        AttachmentsModule.forRoot(config),
        ...(config.SEED_DEMO_DATA ? [DemoDataModule] : []),
      ],
      controllers: [DiagnosticsController],
    };
  }
}
