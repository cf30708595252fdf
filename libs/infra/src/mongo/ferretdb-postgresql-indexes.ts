import { spawnSync } from 'node:child_process';

/**
 * FerretDB v1 on PostgreSQL looks a field up with `_jsonb -> '<field>' @> <value>`,
 * which the btree expression index it creates for each MongoDB index (`_id`
 * included) cannot serve: every find, update and delete by `_id` was a scan
 * of the whole table, and a session's snapshot update slowed from 140/s to
 * 21/s as the collection grew from 1,000 to 20,000 documents. PostgreSQL
 * serves `@>` from a GIN index (jsonb_path_ops) on the same expression. This
 * adds one next to every single-field index FerretDB creates (an event
 * trigger, so collections created later get theirs too) and to those that
 * exist already. Only the embedded default needs it: production runs MongoDB.
 */
export const GIN_TWIN_SQL = String.raw`
CREATE OR REPLACE FUNCTION switchboard_gin_twin(idx regclass) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  expr text;
  tbl regclass;
  name text;
  nsp text;
BEGIN
  SELECT i.indrelid::regclass, pg_get_expr(i.indexprs, i.indrelid), left(c.relname, 58) || '_gin', n.nspname
    INTO tbl, expr, name, nsp
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_am am ON am.oid = c.relam
   WHERE i.indexrelid = idx AND am.amname = 'btree' AND i.indnatts = 1 AND i.indexprs IS NOT NULL;
  IF expr IS NULL OR expr !~ '^\(?_jsonb -> ''[^'']+''::text\)?$' THEN
    RETURN;
  END IF;
  -- A twin that exists is not created again: CREATE INDEX IF NOT EXISTS would still lock the table.
  IF to_regclass(format('%I.%I', nsp, name)) IS NOT NULL THEN
    RETURN;
  END IF;
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((%s) jsonb_path_ops)', name, tbl, expr);
END
$fn$;

CREATE OR REPLACE FUNCTION switchboard_gin_twins_on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE INDEX' AND object_type = 'index' LOOP
    PERFORM switchboard_gin_twin(r.objid::regclass);
  END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS switchboard_gin_twins;
CREATE EVENT TRIGGER switchboard_gin_twins ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION switchboard_gin_twins_on_ddl();

-- Indexes made before the trigger existed, each in a transaction of its own that waits at most
-- a second for its table: a long transaction elsewhere in the cluster must not hold up the start
-- (one statement holding every table's lock while it waited once stalled all writes).
SET lock_timeout = '1s';
\set ON_ERROR_STOP 0
SELECT format('SELECT switchboard_gin_twin(%s::regclass)', i.indexrelid)
  FROM pg_index i
  JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') \gexec
`;

/** Installs the GIN twins into a PostgreSQL database (by URL); returns an error text, or undefined when done. */
export function installGinTwins(postgresUrl: string): string | undefined {
  const result = spawnSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', postgresUrl], { input: GIN_TWIN_SQL, encoding: 'utf8' });
  return result.status === 0 ? undefined : (result.stderr || `psql exited with ${result.status}`).trim();
}
