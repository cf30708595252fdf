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

/** One named import from a workspace lib, used so that no other rule has anything to say. */
const importOf = (lib: string, name: string): string => `import { ${name} } from '${lib}';\nexport const used = ${name};\n`;

const SERVER_KIT = importOf('@switchboard/service-kit', 'ServiceModule');
const INFRA = importOf('@switchboard/infra', 'provideInfrastructure');
const HARNESS = importOf('@switchboard/testing', 'eventually');

describe('the browser reaches no server, tooling or test-harness code', () => {
  // Libs the browser loads (scope:shared) and the browser apps, each against each forbidden lib.
  const forbidden: ReadonlyArray<readonly [string, string, string]> = [
    ['libs/client/src/lint-fixture.ts', '@switchboard/service-kit', SERVER_KIT],
    ['libs/client/src/lint-fixture.ts', '@switchboard/infra', INFRA],
    ['libs/client/src/lint-fixture.ts', '@switchboard/testing', HARNESS],
    ['libs/chat-ui/src/lint-fixture.ts', '@switchboard/service-kit', SERVER_KIT],
    ['libs/chat-ui/src/lint-fixture.ts', '@switchboard/testing', HARNESS],
    ['libs/domain/src/lint-fixture.ts', '@switchboard/infra', INFRA],
    ['apps/agent/src/lint-fixture.ts', '@switchboard/testing', HARNESS],
    ['apps/widget/src/lint-fixture.ts', '@switchboard/testing', HARNESS],
    ['apps/admin/src/lint-fixture.ts', '@switchboard/testing', HARNESS],
    ['apps/agent/src/lint-fixture.ts', '@switchboard/infra', INFRA],
  ];

  it.each(forbidden)('refuses %s importing %s', (path, lib, source) => {
    const { exitCode, output } = lintAs(path, source);
    expect(exitCode).toBe(1);
    expect(output).toContain('@nx/enforce-module-boundaries');
    // The scope rule, not some other complaint: nx names the tags the project may depend on.
    expect(output).toContain('can only depend on libs tagged with');
  });

  // The same imports where they belong: the rule refuses by scope, not every import of the lib.
  const allowed: ReadonlyArray<readonly [string, string, string]> = [
    ['apps/gateway/src/lint-fixture.ts', '@switchboard/testing', HARNESS],
    ['apps/console-e2e/src/lint-fixture.ts', '@switchboard/testing', HARNESS],
    ['apps/admin-e2e/src/lint-fixture.ts', '@switchboard/testing', HARNESS],
    ['libs/testing/src/lint-fixture.ts', '@switchboard/infra', INFRA],
    ['libs/testing/src/lint-fixture.ts', '@switchboard/service-kit', SERVER_KIT],
    ['libs/agent-state/src/lint-fixture.ts', '@switchboard/service-kit', SERVER_KIT],
  ];

  it.each(allowed)('accepts %s importing %s', (path, _lib, source) => {
    const { exitCode, output } = lintAs(path, source);
    expect({ exitCode, output }).toMatchObject({ exitCode: 0 });
  });
});

describe('issue 12: no double cast through unknown in production code', () => {
  const DOUBLE_CAST = 'export const port = (process.env as unknown as { PORT: number }).PORT;\n';

  it('refuses `as unknown as` in an app or a lib', () => {
    for (const path of ['apps/router/src/lint-fixture.ts', 'libs/contracts/src/lint-fixture.ts']) {
      const { exitCode, output } = lintAs(path, DOUBLE_CAST);
      expect(exitCode).toBe(1);
      expect(output).toContain('No `as unknown as` in production code');
    }
  });

  it('allows it in tests, where a fake stands in for a real object', () => {
    expect(lintAs('apps/router/src/lint-fixture.spec.ts', DOUBLE_CAST)).toMatchObject({ exitCode: 0 });
  });
});
