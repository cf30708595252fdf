import 'reflect-metadata';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { BaseConfig } from '../config/service-config';
import { opsAccess } from '../ops/ops-access';
import { installFailurePolicy } from '../process/failure-policy';
import { armShutdownDeadline } from '../process/shutdown-deadline';

/**
 * Creates and starts a service: the process failure policy (an unhandled
 * rejection or a non-fatal uncaught exception is logged and counted, and does
 * not end the process; ADR 0005), JSON logger, shutdown hooks (SIGTERM/SIGINT
 * close NATS and mongoose cleanly, and exit anyway after SHUTDOWN_GRACE_MS), HTTP for health and APIs (metrics and
 * diagnostics behind the ops token). Prints one
 * `listening` line with the URL, which the start script and tests wait for.
 */
export async function bootstrapService(
  module: Type<unknown> | ReturnType<typeof Object>,
  config: BaseConfig,
  configure?: (app: INestApplication) => void | Promise<void>,
): Promise<INestApplication> {
  // Installed first, so that a stray rejection during start-up is logged too
  // (to stderr until the service's logger exists). A failing bootstrap still
  // rejects this function, and each app's main() exits on that.
  const failurePolicy = installFailurePolicy();
  const app = await NestFactory.create(module as Type<unknown>, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  failurePolicy.useLogger({ error: (entry) => logger.error(entry), fatal: (entry) => logger.fatal(entry) });
  app.enableShutdownHooks();
  // A stop that waits on a NATS or database that is gone must still end the process.
  armShutdownDeadline(process, (signal, graceMs) => logger.error({ msg: 'stop did not finish in time; exiting', signal, graceMs }));
  // Before any controller: operator endpoints need the ops token (issue 13).
  app.use(opsAccess(config.OPS_TOKEN));
  await configure?.(app);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.HTTP_PORT;
  logger.log({ msg: 'listening', url: `http://${config.HTTP_HOST}:${port}` });
  return app;
}
