import { FERRETDB_PG_POOL_MAX_CONNS, withPoolLimit } from './mongo-server';

describe('FerretDB on PostgreSQL: a bounded connection pool', () => {
  it('the embedded FerretDB asks for at most FERRETDB_PG_POOL_MAX_CONNS PostgreSQL connections', () => {
    expect(withPoolLimit('postgres://postgres@127.0.0.1:5432/switchboard')).toBe(
      `postgres://postgres@127.0.0.1:5432/switchboard?pool_max_conns=${FERRETDB_PG_POOL_MAX_CONNS}`,
    );
    expect(withPoolLimit('postgres://u@db:5432/s?sslmode=disable')).toBe(`postgres://u@db:5432/s?sslmode=disable&pool_max_conns=${FERRETDB_PG_POOL_MAX_CONNS}`);
  });

  it('a URL that sets its own limit keeps it', () => {
    expect(withPoolLimit('postgres://u@db:5432/s?pool_max_conns=80')).toBe('postgres://u@db:5432/s?pool_max_conns=80');
  });
});
