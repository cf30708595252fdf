import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { REDACTED_LOG_PATHS, REDACTION_CENSOR, redactLogLine, redactRequestUrl } from './log-redaction';

/** The pino (and pino-http) options of every service: JSON lines tagged with service and instance, credentials redacted. */
export function serviceLogOptions(service: string, instanceId: string, level: string): Options {
  return {
    level,
    base: { service, instance: instanceId },
    redact: { paths: [...REDACTED_LOG_PATHS], censor: REDACTION_CENSOR },
    serializers: { req: redactRequestUrl },
    // Tokens the key paths miss (error messages, deeper nesting) are censored on the finished line.
    hooks: { streamWrite: redactLogLine },
    // Health probes run every few seconds; logging them drowns the rest.
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
  };
}

/** Structured JSON logs (pino), one line per event, tagged with service and instance; credentials redacted. */
@Module({})
export class LoggingModule {
  static forService(service: string, instanceId: string, level: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: serviceLogOptions(service, instanceId, level) }),
      ],
    };
  }
}
