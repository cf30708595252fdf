// The domain stays plain TypeScript: no framework, no I/O, no clock, no randomness.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as api from './index';
import { SESSION_COMMAND_TYPES, type SessionCommandType } from './session/commands';
import { SESSION_EVENT_TYPES, type SessionEventType } from './session/events';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('domain boundary', () => {
  const files = sources(__dirname);

  it('R19 boundary: production code imports only its own files (no @nestjs, mongoose, @nats-io, @angular, zod)', () => {
    const offending = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/g)]
        .map((m) => m[1]!)
        .filter((spec) => !spec.startsWith('.'))
        .map((spec) => `${relative(__dirname, f)}: ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('R17 boundary: no clock, randomness or I/O inside the domain (now and ids come in the context)', () => {
    const offending = files.filter((f) =>
      /Date\.now\(|new Date\(\)|Math\.random\(|crypto\.|process\.|setTimeout\(|fetch\(/.test(readFileSync(f, 'utf8')),
    );
    expect(offending).toEqual([]);
  });

  it('R17 boundary: the lists of command and event types are complete', () => {
    const missingEvents: Exclude<SessionEventType, (typeof SESSION_EVENT_TYPES)[number]> extends never ? true : false = true;
    const missingCommands: Exclude<SessionCommandType, (typeof SESSION_COMMAND_TYPES)[number]> extends never ? true : false = true;
    expect([missingEvents, missingCommands]).toEqual([true, true]);
    expect(new Set(SESSION_EVENT_TYPES).size).toBe(SESSION_EVENT_TYPES.length);
    expect(new Set(SESSION_COMMAND_TYPES).size).toBe(SESSION_COMMAND_TYPES.length);
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
