import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

/** Structured JSON logs (pino), one line per event, tagged with service and instance. */
@Module({})
export class LoggingModule {
  static forService(service: string, instanceId: string, level: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            base: { service, instance: instanceId },
            // Health probes run every few seconds; logging them drowns the rest.
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
          },
        }),
      ],
    };
  }
}
