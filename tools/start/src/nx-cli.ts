import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The Nx command-line script, found through its package.json (its location inside the package has moved before). */
export function nxCli(): string {
  const manifest = require.resolve('nx/package.json');
  const bin = JSON.parse(readFileSync(manifest, 'utf8')).bin as { nx: string };
  return join(dirname(manifest), bin.nx);
}
