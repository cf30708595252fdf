import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

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

function* typeScriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* typeScriptFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** Who may hold a model of the session collections: the library that owns them and the chat actors that write them. */
const OWNERS = ['libs/session-store/', 'apps/chat-actor/'];
const SESSION_MODEL = /InjectModel\(\s*(SessionRecord|SessionCommit|OutboxMark|PartitionEpoch)\b|InjectModel\(\s*['"`](SessionRecord|SessionCommit|OutboxMark|PartitionEpoch|chat_sessions|chat_session_commits|chat_outbox_marks|chat_partition_epochs)['"`]/;
const MODEL_IMPORT = "import { SessionRecord } from '@switchboard/session-store';\nexport const used = SessionRecord;\n";

describe('one read path for sessions (ADR 6, issue 19)', () => {
  it('no model of a session collection is injected outside libs/session-store and the chat actors', () => {
    const offenders: string[] = [];
    for (const top of ['apps', 'libs', 'bench', 'tools']) {
      for (const file of typeScriptFiles(join(ROOT, top))) {
        const path = relative(ROOT, file);
        // This file names the pattern it looks for.
        if (file === __filename || OWNERS.some((owner) => path.startsWith(owner))) continue;
        if (SESSION_MODEL.test(readFileSync(file, 'utf8'))) offenders.push(path);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the injection check recognises an injected session model (it is not simply passing everything)', () => {
    expect(SESSION_MODEL.test('constructor(@InjectModel(SessionRecord.name) private readonly records: Model<SessionRecord>) {}')).toBe(true);
    expect(SESSION_MODEL.test("constructor(@InjectModel('chat_sessions') m: Model<unknown>) {}")).toBe(true);
    expect(SESSION_MODEL.test('constructor(@InjectModel(AgentRecord.name) private readonly agents: Model<AgentRecord>) {}')).toBe(false);
  });

  it('lint refuses a session collection model imported in the gateway or the router', () => {
    for (const path of ['apps/gateway/src/lint-fixture.ts', 'apps/router/src/lint-fixture.ts']) {
      const { exitCode, output } = lintAs(path, MODEL_IMPORT);
      expect({ path, exitCode }).toEqual({ path, exitCode: 1 });
      expect(output).toContain('Read sessions through SessionReader or SessionQueries');
    }
  });

  it('lint accepts the readers in the gateway, and the models in the chat actors that write them', () => {
    expect(lintAs('apps/gateway/src/lint-fixture.ts', "import { SessionQueries } from '@switchboard/session-store';\nexport const used = SessionQueries;\n").exitCode).toBe(0);
    expect(lintAs('apps/chat-actor/src/lint-fixture.ts', MODEL_IMPORT).exitCode).toBe(0);
  });
});
