import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/** Lints `source` as if it were the file at `path` (nothing is written to disk). */
function lintAs(path: string, source: string): { exitCode: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [resolve(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', resolve(ROOT, path), '--format', 'json'],
    { cwd: ROOT, input: source, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  return { exitCode: result.status, output: result.stdout + result.stderr };
}

const NEST_IMPORT = "import { Injectable } from '@nestjs/common';\nexport const marker = Injectable;\n";

describe('module boundaries are enforced by lint', () => {
  it('refuses a framework import (@nestjs/common) in libs/domain', () => {
    const { exitCode, output } = lintAs('libs/domain/src/lint-fixture.ts', NEST_IMPORT);
    expect(exitCode).toBe(1);
    expect(output).toContain('@nx/enforce-module-boundaries');
    expect(output).toContain('@nestjs/common');
  });

  it('refuses a database driver (mongoose) and NATS client in libs/domain', () => {
    const source = "import mongoose from 'mongoose';\nimport { connect } from '@nats-io/transport-node';\nexport const m = [mongoose, connect];\n";
    const { exitCode, output } = lintAs('libs/domain/src/lint-fixture.ts', source);
    expect(exitCode).toBe(1);
    expect(output).toContain('mongoose');
    expect(output).toContain('@nats-io/transport-node');
  });

  it('accepts the same framework import in an app (the rule is not simply failing everything)', () => {
    const { exitCode, output } = lintAs('apps/gateway/src/lint-fixture.ts', NEST_IMPORT);
    expect({ exitCode, output }).toMatchObject({ exitCode: 0 });
  });

  it('refuses a lib importing an app', () => {
    const source = "import { GatewayModule } from '../../../apps/gateway/src/gateway.module';\nexport const g = GatewayModule;\n";
    const { exitCode, output } = lintAs('libs/contracts/src/lint-fixture.ts', source);
    expect(exitCode).toBe(1);
    expect(output).toContain('@nx/enforce-module-boundaries');
  });

  it('refuses the browser app importing server-only code', () => {
    const source = "import { ServiceModule } from '@switchboard/service-kit';\nexport const s = ServiceModule;\n";
    const { exitCode, output } = lintAs('apps/admin/src/lint-fixture.ts', source);
    expect(exitCode).toBe(1);
    expect(output).toContain('@nx/enforce-module-boundaries');
  });
});
