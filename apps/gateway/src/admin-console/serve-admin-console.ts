import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Serves the built Angular admin console under /admin, with client-side
 * routes falling back to its index.html. Absent build: the API still runs.
 */
export function serveAdminConsole(app: INestApplication, staticDir: string): boolean {
  const dir = resolve(staticDir);
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const express = app as NestExpressApplication;
  express.useStaticAssets(dir, { prefix: '/admin/', index: 'index.html' });
  express.getHttpAdapter().get('/admin*path', (_req: unknown, res: { sendFile(path: string): void }) => res.sendFile(index));
  return true;
}
