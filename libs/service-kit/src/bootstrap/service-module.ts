import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import type { ServiceName } from '@switchboard/contracts';
import { SERVICE_CONFIG, type BaseConfig } from '../config/service-config';
import { DatabaseModule } from '../database/database.module';
import { DiagnosticsModule } from '../diagnostics/diagnostics.module';
import { HealthModule } from '../health/health.module';
import { LoggingModule } from '../logging/logging.module';
import { jetStreamStorageOf } from '../nats/jetstream-storage';
import { NatsModule } from '../nats/nats.module';

/**
 * The infrastructure every service has: validated config, JSON logs, NATS,
 * mongoose, health and diagnostics. Each app adds its feature modules.
 */
@Module({})
export class ServiceModule {
  static forService(service: ServiceName, config: BaseConfig, features: ModuleMetadata['imports'] = []): DynamicModule {
    return {
      module: ServiceModule,
      global: true,
      imports: [
        LoggingModule.forService(service, config.INSTANCE_ID, config.LOG_LEVEL),
        NatsModule.forRoot({
          url: config.NATS_URL,
          name: `${service}/${config.INSTANCE_ID}`,
          subjectPrefix: config.NATS_SUBJECT_PREFIX,
          storage: jetStreamStorageOf(config),
          pingIntervalMs: config.NATS_PING_INTERVAL_MS,
          connectTimeoutMs: config.NATS_CONNECT_TIMEOUT_MS,
        }),
        DatabaseModule.forRoot({ uri: config.MONGODB_URI, dbName: config.MONGODB_DB }),
        HealthModule,
        DiagnosticsModule.forService({ service, instanceId: config.INSTANCE_ID }),
        ...features,
      ],
      providers: [{ provide: SERVICE_CONFIG, useValue: config }],
      exports: [SERVICE_CONFIG],
    };
  }
}
