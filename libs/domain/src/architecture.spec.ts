// The domain stays plain TypeScript: no framework, no I/O, no clock, no randomness. Its imports
// from outside are `import type` of @switchboard/contracts (ADR 7): erased at run time, and
// re2js, a pure regular expression engine with linear matching time (masking of admin patterns).
import { sessionCommandSchema, sessionEventSchema } from '@switchboard/contracts';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { SESSION_COMMAND_TYPES } from './session/commands';
import { SESSION_EVENT_TYPES } from './session/events';

const WORKSPACE = resolve(__dirname, '../../..');

function sources(dir: string, skip: (name: string) => boolean = () => false): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skip(name) ? [] : sources(path, skip);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The one library the domain may load: pure computation, no I/O, no clock. */
const PURE_LIBRARY = 're2js';

/**
 * The statements of `source` that load code from outside the domain: imports and re-exports of
 * anything but its own files, except `import type` of the contracts; side-effect imports, dynamic
 * imports and require() (they load code whatever they name).
 */
function outsideImports(source: string): string[] {
  const statements = [...source.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm)]
    .filter((m) => !m[3]!.startsWith('.') && !(m[1] === 'import' && m[2] !== undefined && m[3] === '@switchboard/contracts'))
    .filter((m) => !(m[1] === 'import' && m[3] === PURE_LIBRARY))
    .map((m) => m[0].trim().replace(/\s+/g, ' '));
  const loads = [...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]|\bimport\s*\(|\brequire\s*\(/gm)].map((m) => m[0].trim());
  return [...statements, ...loads];
}

/** Clock, randomness and I/O the domain must not touch (now and ids come in the context). */
const IMPURE = /Date\.now\(|new Date\(\)|Math\.random\(|crypto\.|process\.|setTimeout\(|fetch\(/;

describe('domain boundary', () => {
  const files = sources(__dirname, (name) => name === 'test-support');

  it('boundary: production code imports only its own files, the contracts\' types (type-only, erased at run time) and re2js (no @nestjs, mongoose, @nats-io, @angular, zod)', () => {
    expect(files.map((f) => relative(__dirname, f))).toContain(join('session', 'decide.ts'));
    const offending = files.flatMap((f) => outsideImports(readFileSync(f, 'utf8')).map((s) => `${relative(__dirname, f)}: ${s}`));
    expect(offending).toEqual([]);
  });

  it('boundary: the import check above refuses value imports of the contracts and any other library', () => {
    expect(outsideImports("import type { SessionEventMessage } from '@switchboard/contracts';")).toEqual([]);
    expect(outsideImports("import { isOpenStatus } from '../session/types';")).toEqual([]);
    expect(outsideImports("import { RE2JS } from 're2js';")).toEqual([]);
    for (const refused of [
      "import { type SessionEventMessage } from '@switchboard/contracts';",
      "import { MAX_TEXT } from '@switchboard/contracts';",
      "export type { SessionEventMessage } from '@switchboard/contracts';",
      "import type { ZodType } from 'zod';",
      "import { RE2JS } from 're2';",
      "import {\n  a,\n  b,\n} from '@nestjs/common';",
      "import 'reflect-metadata';",
      "const m = await import('./lazy');",
      "const fs = require('node:fs');",
    ]) {
      expect({ refused, found: outsideImports(refused).length }).toEqual({ refused, found: 1 });
    }
  });

  it('boundary: no clock, randomness or I/O inside the domain (now and ids come in the context)', () => {
    expect(files.filter((f) => IMPURE.test(readFileSync(f, 'utf8'))).map((f) => relative(__dirname, f))).toEqual([]);
    // The pattern sees what it must refuse.
    for (const impure of ['const t = Date.now();', 'new Date()', 'Math.random()', 'crypto.randomUUID()', "process.env['X']", 'setTimeout(f, 1)', 'fetch(url)']) {
      expect({ impure, refused: IMPURE.test(impure) }).toEqual({ impure, refused: true });
    }
  });

  it('boundary: the lists of command and event types are exactly those of the contracts the services parse', () => {
    const literal = (option: { shape: { type: { value: unknown } } }) => option.shape.type.value;
    expect([...SESSION_COMMAND_TYPES].sort()).toEqual(sessionCommandSchema.options.map(literal).sort());
    expect([...SESSION_EVENT_TYPES].sort()).toEqual(sessionEventSchema.options.map(literal).sort());
  });

  it('boundary: the index exports exactly the names other projects import from @switchboard/domain', () => {
    const namesIn = (list: string) =>
      list
        .split(',')
        .map((n) => n.replace(/^\s*type\s+/, '').trim().split(/\s+as\s+/)[0]!.trim())
        .filter((n) => n.length > 0);
    const index = readFileSync(join(__dirname, 'index.ts'), 'utf8');
    expect(index).not.toMatch(/export\s+(type\s+)?\*/);
    const exported = new Set([...index.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap((m) => namesIn(m[1]!)));

    const imported = new Set<string>();
    const skip = (name: string) => ['node_modules', 'dist', '.angular', 'domain'].includes(name);
    for (const root of ['apps', 'libs', 'bench', 'tools']) {
      for (const file of sources(join(WORKSPACE, root), skip).concat(specsUnder(join(WORKSPACE, root), skip))) {
        const source = readFileSync(file, 'utf8');
        for (const m of source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+['"]@switchboard\/domain['"]/g)) {
          for (const name of namesIn(m[1]!)) imported.add(name);
        }
      }
    }
    expect(imported.size).toBeGreaterThan(10);
    expect({ missing: [...imported].filter((n) => !exported.has(n)), unused: [...exported].filter((n) => !imported.has(n)) }).toEqual({
      missing: [],
      unused: [],
    });
  });
});

/** The spec files under `dir` (sources() leaves them out). */
function specsUnder(dir: string, skip: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skip(name) ? [] : specsUnder(path, skip);
    return name.endsWith('.spec.ts') ? [path] : [];
  });
}
