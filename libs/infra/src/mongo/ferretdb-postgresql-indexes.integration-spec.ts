import mongoose from 'mongoose';
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { mongoUriFor, provideInfrastructure, type Infrastructure } from '../provide-infrastructure';
import { installGinTwins } from './ferretdb-postgresql-indexes';

const ROOT = resolve(__dirname, '../../../..');
const PG = ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'switchboard_test', '-tAc'];
const psql = (sql: string) => execFileSync('psql', [...PG, sql], { encoding: 'utf8' }).trim();
const postgresHere = spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432']).status === 0;

// Without a PostgreSQL server FerretDB runs on SQLite, which looks `_id` up by its index already.
(postgresHere ? describe : describe.skip)('FerretDB on PostgreSQL: lookups by a MongoDB index use a PostgreSQL index', () => {
  let infra: Infrastructure;
  beforeAll(async () => {
    infra = await provideInfrastructure({ purpose: 'test', projectRoot: ROOT, env: { SWITCHBOARD_NO_CONTAINERS: '1', PATH: process.env['PATH'] } });
  });
  afterAll(() => infra?.stop());

  it('a collection created after start-up gets a GIN index next to its _id and unique indexes, and FerretDB-style lookups use them', async () => {
    expect(infra.localMongo?.engine).toBe('ferretdb-postgresql');
    const database = `gin_check_${Date.now()}`;
    const db = await mongoose.createConnection(mongoUriFor(infra.mongoUri, database)).asPromise();
    try {
      const things = db.collection('things');
      await things.createIndex({ slot: 1 }, { unique: true });
      await things.insertMany(Array.from({ length: 2000 }, (_, i) => ({ _id: `t${i}` as never, slot: `s${i}` })));
      const table = psql(`SELECT tablename FROM pg_tables WHERE schemaname = '${database}' AND tablename LIKE 'things_%'`);
      const twins = psql(`SELECT indexdef FROM pg_indexes WHERE schemaname = '${database}' AND tablename = '${table}' AND indexdef LIKE '%USING gin%'`);
      expect(twins).toContain(`(_jsonb -> '_id'::text)`);
      expect(twins).toContain(`(_jsonb -> 'slot'::text)`);
      // The statement FerretDB v1.24 sends for `findOne({ _id })`.
      psql(`ANALYZE "${database}"."${table}"`);
      const plan = psql(`EXPLAIN SELECT _jsonb FROM "${database}"."${table}" WHERE _jsonb -> '_id' @> '"t1234"'`);
      expect(plan).not.toContain('Seq Scan');
      expect(plan).toContain('Index');
      expect(await things.findOne({ _id: 't1234' as never })).toMatchObject({ slot: 's1234' });
    } finally {
      await db.dropDatabase();
      await db.close();
    }
  });

  it('a transaction holding a table elsewhere in the cluster does not hold up installing the twins: that table waits for the next start', async () => {
    const schema = `gin_locked_${Date.now()}`;
    psql(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".t (_jsonb jsonb); CREATE INDEX t_id ON "${schema}".t ((_jsonb -> '_id')); DROP INDEX "${schema}".t_id_gin`);
    // Another client keeps the table locked, as a long transaction of another application would.
    const holder = spawn('psql', [...PG.slice(0, -1), '-c', `BEGIN; LOCK TABLE "${schema}".t IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60);`]);
    try {
      for (let i = 0; psql(`SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.oid = '"${schema}".t'::regclass AND l.mode = 'AccessExclusiveLock' AND l.granted`) !== '1'; i++) {
        if (i > 200) throw new Error('the lock was never taken');
        await new Promise((r) => setImmediate(r));
      }
      const started = Date.now();
      expect(installGinTwins('postgres://postgres@127.0.0.1:5432/switchboard_test')).toBeUndefined();
      // One lock timeout (1 s) for the locked table, not the holder's 60 s.
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(psql(`SELECT count(*) FROM pg_indexes WHERE schemaname = '${schema}' AND indexname = 't_id_gin'`)).toBe('0');
    } finally {
      // Ends the holder's transaction (a client that goes away leaves pg_sleep running).
      const exited = new Promise((r) => holder.once('exit', r));
      psql(`SELECT pg_terminate_backend(l.pid) FROM pg_locks l WHERE l.relation = '"${schema}".t'::regclass AND l.granted`);
      await exited;
    }
    expect(installGinTwins('postgres://postgres@127.0.0.1:5432/switchboard_test')).toBeUndefined();
    expect(psql(`SELECT count(*) FROM pg_indexes WHERE schemaname = '${schema}' AND indexname = 't_id_gin'`)).toBe('1');
    psql(`DROP SCHEMA "${schema}" CASCADE`);
  });
});
