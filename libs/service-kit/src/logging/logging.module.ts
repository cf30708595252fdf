import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { REDACTED_LOG_PATHS, REDACTION_CENSOR, redactRequestUrl } from './log-redaction';

/** Structured JSON logs (pino), one line per event, tagged with service and instance; credentials redacted. */
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
            redact: { paths: [...REDACTED_LOG_PATHS], censor: REDACTION_CENSOR },
            serializers: { req: redactRequestUrl },
            // Health probes run every few seconds; logging them drowns the rest.
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
          },
        }),
      ],
    };
  }
}
