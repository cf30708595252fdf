// The domain stays plain TypeScript: no framework, no I/O, no clock, no randomness. Its only
// import from outside is `import type` of @switchboard/contracts (ADR 7): erased at run time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as api from './index';
import { SESSION_COMMAND_TYPES, type SessionCommandType } from './session/commands';
import { SESSION_EVENT_TYPES, type SessionEventType } from './session/events';
import { SESSION_STATUSES, type SessionStatus } from './session/types';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('domain boundary', () => {
  const files = sources(__dirname);

  it('R19 boundary: production code imports only its own files, and the contracts\' types (type-only, erased at run time; no @nestjs, mongoose, @nats-io, @angular, zod)', () => {
    const offending = files.flatMap((f) => {
      const source = readFileSync(f, 'utf8');
      const statements = [...source.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm)]
        .filter((m) => !m[3]!.startsWith('.') && !(m[1] === 'import' && m[2] !== undefined && m[3] === '@switchboard/contracts'))
        .map((m) => `${relative(__dirname, f)}: ${m[0].trim().replace(/\s+/g, ' ')}`);
      // Side-effect imports, dynamic imports and require() load code whatever they name.
      const loads = [...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]|\bimport\s*\(|\brequire\s*\(/gm)].map(
        (m) => `${relative(__dirname, f)}: ${m[0].trim()}`,
      );
      return [...statements, ...loads];
    });
    expect(offending).toEqual([]);
  });

  it('R19 boundary: the check above sees what it must refuse', () => {
    const refused = (source: string) =>
      [...source.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm)].filter(
        (m) => !m[3]!.startsWith('.') && !(m[1] === 'import' && m[2] !== undefined && m[3] === '@switchboard/contracts'),
      ).length;
    expect(refused("import type { SessionEventMessage } from '@switchboard/contracts';")).toBe(0);
    expect(refused("import { type SessionEventMessage } from '@switchboard/contracts';")).toBe(1);
    expect(refused("import { MAX_TEXT } from '@switchboard/contracts';")).toBe(1);
    expect(refused("export type { SessionEventMessage } from '@switchboard/contracts';")).toBe(1);
    expect(refused("import type { ZodType } from 'zod';")).toBe(1);
    expect(refused("import {\n  a,\n  b,\n} from '@nestjs/common';")).toBe(1);
  });

  it('R17 boundary: no clock, randomness or I/O inside the domain (now and ids come in the context)', () => {
    const offending = files.filter((f) =>
      /Date\.now\(|new Date\(\)|Math\.random\(|crypto\.|process\.|setTimeout\(|fetch\(/.test(readFileSync(f, 'utf8')),
    );
    expect(offending).toEqual([]);
  });

  it('R17 boundary: the lists of command and event types and of statuses are complete', () => {
    const missingEvents: Exclude<SessionEventType, (typeof SESSION_EVENT_TYPES)[number]> extends never ? true : false = true;
    const missingCommands: Exclude<SessionCommandType, (typeof SESSION_COMMAND_TYPES)[number]> extends never ? true : false = true;
    expect([missingEvents, missingCommands]).toEqual([true, true]);
    expect(new Set(SESSION_EVENT_TYPES).size).toBe(SESSION_EVENT_TYPES.length);
    expect(new Set(SESSION_COMMAND_TYPES).size).toBe(SESSION_COMMAND_TYPES.length);
    const missingStatuses: Exclude<SessionStatus, (typeof SESSION_STATUSES)[number]> extends never ? true : false = true;
    expect(missingStatuses).toBe(true);
    expect(new Set(SESSION_STATUSES).size).toBe(SESSION_STATUSES.length);
  });

  it('R19 boundary: the index exports the API the services rely on', () => {
    for (const name of [
      'decide',
      'evolve',
      'applyEvents',
      'DEFAULT_SETTINGS',
      'DOMAIN_ERROR_CODES',
      'canSeeQueuedSession',
      'transferTargets',
      'pickAgentForAutoAssign',
      'orderWaitingSessions',
      'queueForStart',
      'queueTransferAllowed',
      'notificationsFor',
      'endUserHistory',
      'sessionAccess',
      'canViewCustomerInfo',
      'existingSessionForStart',
    ]) {
      expect(typeof (api as Record<string, unknown>)[name]).not.toBe('undefined');
    }
  });
});
