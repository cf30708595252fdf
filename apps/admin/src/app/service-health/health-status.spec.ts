import { healthFromBody, healthFromHttpError, type HealthCheckResponse, toServiceHealth } from './health-status';

const allUp: HealthCheckResponse = {
  status: 'ok',
  info: { nats: { status: 'up', server: '127.0.0.1:4222', rttMs: 0.42 }, mongodb: { status: 'up', responseTime: 4 } },
  error: {},
  details: { nats: { status: 'up', server: '127.0.0.1:4222', rttMs: 0.42 }, mongodb: { status: 'up', responseTime: 4 } },
};

const mongoDown: HealthCheckResponse = {
  status: 'error',
  info: { nats: { status: 'up', rttMs: 12.6 } },
  error: { mongodb: { status: 'down', message: 'timeout of 1500ms exceeded' } },
  details: { nats: { status: 'up', rttMs: 12.6 }, mongodb: { status: 'down', message: 'timeout of 1500ms exceeded' } },
};

const stateOf = (health: ReturnType<typeof toServiceHealth>, key: string) =>
  health.dependencies.find((dependency) => dependency.key === key);

describe('service health mapping', () => {
  it('reports all systems operational when NATS and MongoDB are up', () => {
    const health = toServiceHealth(allUp);

    expect(health.overall).toBe('ok');
    expect(health.headline).toBe('All systems operational');
    expect(health.dependencies.map((dependency) => [dependency.name, dependency.state])).toEqual([
      ['NATS', 'up'],
      ['MongoDB', 'up'],
    ]);
  });

  it('shows round trip times, with one decimal for fractions below 10 ms', () => {
    expect(stateOf(toServiceHealth(allUp), 'nats')?.detail).toBe('Round trip 0.4 ms');
    expect(stateOf(toServiceHealth(allUp), 'mongodb')?.detail).toBe('Round trip 4 ms');
    expect(stateOf(toServiceHealth(mongoDown), 'nats')?.detail).toBe('Round trip 13 ms');
  });

  it('names the dependency that is down and keeps the reason the gateway gave', () => {
    const health = toServiceHealth(mongoDown);

    expect(health.overall).toBe('degraded');
    expect(health.headline).toBe('MongoDB is down');
    expect(stateOf(health, 'mongodb')).toMatchObject({ state: 'down', detail: 'timeout of 1500ms exceeded' });
    expect(stateOf(health, 'nats')?.state).toBe('up');
  });

  it('names every dependency that is down', () => {
    const health = toServiceHealth({
      status: 'error',
      error: { nats: { status: 'down', message: 'connection closed' }, mongodb: { status: 'down' } },
    });

    expect(health.headline).toBe('NATS and MongoDB are down');
    expect(stateOf(health, 'nats')?.detail).toBe('connection closed');
    expect(stateOf(health, 'mongodb')?.detail).toBeNull();
  });

  it('reads indicators from info and error when the details section is missing', () => {
    const health = toServiceHealth({ status: 'error', info: { nats: { status: 'up' } }, error: { mongodb: { status: 'down' } } });

    expect(stateOf(health, 'nats')?.state).toBe('up');
    expect(stateOf(health, 'mongodb')?.state).toBe('down');
  });

  it('marks a dependency the gateway did not report as unknown, and the service as degraded', () => {
    const health = toServiceHealth({ status: 'ok', details: { nats: { status: 'up' } } });

    expect(health.overall).toBe('degraded');
    expect(stateOf(health, 'mongodb')).toMatchObject({ state: 'unknown', detail: 'Not reported by the gateway' });
  });

  it('reports a shutting-down gateway as degraded', () => {
    expect(toServiceHealth({ ...allUp, status: 'shutting_down' })).toMatchObject({
      overall: 'degraded',
      headline: 'The gateway is shutting down',
    });
  });

  it('treats a successful answer that is not a health check as unreachable', () => {
    const health = healthFromBody('<!doctype html><html></html>');

    expect(health.overall).toBe('unreachable');
    expect(health.headline).toBe('The gateway sent an unexpected answer');
    expect(health.dependencies.every((dependency) => dependency.state === 'unknown')).toBe(true);
  });

  it('treats a 503 carrying a health check body as degraded, not unreachable', () => {
    expect(healthFromHttpError(503, mongoDown)).toMatchObject({ overall: 'degraded', headline: 'MongoDB is down' });
  });

  it.each([
    [0, 'The gateway cannot be reached'],
    [404, 'This server has no health endpoint (HTTP 404)'],
    [502, 'The gateway is not answering (HTTP 502)'],
    [504, 'The gateway is not answering (HTTP 504)'],
    [500, 'The health check failed (HTTP 500)'],
  ])('explains a failed request with status %i without a health body as unreachable', (status, headline) => {
    expect(healthFromHttpError(status, null)).toMatchObject({ overall: 'unreachable', headline });
  });
});
