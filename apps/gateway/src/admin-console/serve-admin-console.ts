import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Serves a built Angular app (admin console, agent console, end-user widget)
 * under `/<prefix>/`, with client-side routes falling back to its index.html.
 * Absent build: false, and the API still runs.
 */
export function serveWebApp(app: INestApplication, staticDir: string, prefix: string): boolean {
  const dir = resolve(staticDir);
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const express = app as NestExpressApplication;
  express.useStaticAssets(dir, { prefix: `/${prefix}/`, index: 'index.html' });
  express.getHttpAdapter().get(`/${prefix}*path`, (_req: unknown, res: { sendFile(path: string): void }) => res.sendFile(index));
  return true;
}

/** The admin console under /admin. */
export function serveAdminConsole(app: INestApplication, staticDir: string): boolean {
  return serveWebApp(app, staticDir, 'admin');
}
