import mongoose from 'mongoose';
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { mongoUriFor, provideInfrastructure, type Infrastructure } from '../provide-infrastructure';

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
});
