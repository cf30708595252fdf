import 'reflect-metadata';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { BaseConfig } from '../config/service-config';

/**
 * Creates and starts a service: JSON logger, shutdown hooks (SIGTERM/SIGINT
 * close NATS and mongoose cleanly), HTTP for health and APIs. Prints one
 * `listening` line with the URL, which the start script and tests wait for.
 */
export async function bootstrapService(
  module: Type<unknown> | ReturnType<typeof Object>,
  config: BaseConfig,
  configure?: (app: INestApplication) => void | Promise<void>,
): Promise<INestApplication> {
  const app = await NestFactory.create(module as Type<unknown>, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await configure?.(app);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.HTTP_PORT;
  app.get(Logger).log({ msg: 'listening', url: `http://${config.HTTP_HOST}:${port}` });
  return app;
}
