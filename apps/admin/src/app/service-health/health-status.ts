/**
 * Mapping of the gateway's readiness answer (`GET /health/ready`, a @nestjs/terminus
 * health check) to what the dashboard shows. Pure functions, no Angular.
 */

/** One indicator of a terminus health check, e.g. `{ status: 'up', rttMs: 0.4 }`. */
export interface HealthIndicatorResult {
  readonly status: string;
  readonly [detail: string]: unknown;
}

/** Body of `/health/ready`: 200 when every check is up, 503 (same shape) when one is down. */
export interface HealthCheckResponse {
  readonly status: 'ok' | 'error' | 'shutting_down';
  readonly info?: Record<string, HealthIndicatorResult>;
  readonly error?: Record<string, HealthIndicatorResult>;
  readonly details?: Record<string, HealthIndicatorResult>;
}

export type DependencyState = 'up' | 'down' | 'unknown';

export interface DependencyHealth {
  /** Indicator key in the health check, e.g. `nats`. */
  readonly key: string;
  readonly name: string;
  readonly role: string;
  readonly state: DependencyState;
  /** Round-trip time when up, the reported reason when down, null when nothing useful was reported. */
  readonly detail: string | null;
}

/** `ok`: all dependencies up; `degraded`: the gateway answered but something is down; `unreachable`: no usable answer. */
export type OverallHealth = 'ok' | 'degraded' | 'unreachable';

export interface HealthSummary {
  readonly overall: OverallHealth;
  readonly headline: string;
  readonly dependencies: readonly DependencyHealth[];
}

/** The dependencies the gateway reports on, in display order. */
export const MONITORED_DEPENDENCIES: readonly { key: string; name: string; role: string }[] = [
  { key: 'nats', name: 'NATS', role: 'Message bus between the services' },
  { key: 'mongodb', name: 'MongoDB', role: 'Database of chats and configuration' },
];

const STATUSES = new Set(['ok', 'error', 'shutting_down']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isHealthCheckResponse(body: unknown): body is HealthCheckResponse {
  return isRecord(body) && typeof body['status'] === 'string' && STATUSES.has(body['status']);
}

function indicatorOf(response: HealthCheckResponse, key: string): HealthIndicatorResult | undefined {
  for (const source of [response.details, response.error, response.info]) {
    const candidate = isRecord(source) ? source[key] : undefined;
    if (isRecord(candidate) && typeof candidate['status'] === 'string') return candidate as HealthIndicatorResult;
  }
  return undefined;
}

function describeIndicator(indicator: HealthIndicatorResult): string | null {
  const message = indicator['message'];
  if (typeof message === 'string' && message.trim()) return message.trim();
  // NATS reports `rttMs`, the MongoDB ping check `responseTime` (ms).
  const rtt = indicator['rttMs'] ?? indicator['responseTime'];
  if (typeof rtt === 'number' && Number.isFinite(rtt)) {
    return `Round trip ${Number.isInteger(rtt) || rtt >= 10 ? Math.round(rtt) : rtt.toFixed(1)} ms`;
  }
  return null;
}

function dependencyFrom(response: HealthCheckResponse, dependency: { key: string; name: string; role: string }): DependencyHealth {
  const indicator = indicatorOf(response, dependency.key);
  if (!indicator) return { ...dependency, state: 'unknown', detail: 'Not reported by the gateway' };
  const state: DependencyState = indicator.status === 'up' ? 'up' : 'down';
  return { ...dependency, state, detail: describeIndicator(indicator) };
}

function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Maps a terminus health check body (from a 200 or a 503) to the dashboard's view of it. */
export function toServiceHealth(response: HealthCheckResponse): HealthSummary {
  const dependencies = MONITORED_DEPENDENCIES.map((dependency) => dependencyFrom(response, dependency));
  const down = dependencies.filter((dependency) => dependency.state === 'down').map((dependency) => dependency.name);
  if (response.status === 'shutting_down') {
    return { overall: 'degraded', headline: 'The gateway is shutting down', dependencies };
  }
  if (down.length > 0) {
    return { overall: 'degraded', headline: `${joinNames(down)} ${down.length === 1 ? 'is' : 'are'} down`, dependencies };
  }
  if (response.status === 'error') {
    return { overall: 'degraded', headline: 'The gateway reports a problem', dependencies };
  }
  if (dependencies.some((dependency) => dependency.state === 'unknown')) {
    return { overall: 'degraded', headline: 'Some dependencies were not reported', dependencies };
  }
  return { overall: 'ok', headline: 'All systems operational', dependencies };
}

/** No usable health answer: every dependency is unknown. */
export function unreachableHealth(reason: string): HealthSummary {
  return {
    overall: 'unreachable',
    headline: reason,
    dependencies: MONITORED_DEPENDENCIES.map((dependency) => ({ ...dependency, state: 'unknown', detail: null })),
  };
}

/** A successful (2xx) answer: a health check body, or something else served at that address. */
export function healthFromBody(body: unknown): HealthSummary {
  return isHealthCheckResponse(body)
    ? toServiceHealth(body)
    : unreachableHealth('The gateway sent an unexpected answer');
}

/**
 * A failed request. Terminus answers 503 with a health check body when a check fails: that is
 * a degraded service, not an unreachable one. Anything else means the gateway could not be asked.
 */
export function healthFromHttpError(status: number, body: unknown): HealthSummary {
  if (isHealthCheckResponse(body)) return toServiceHealth(body);
  if (status === 0) return unreachableHealth('The gateway cannot be reached');
  if (status === 404) return unreachableHealth('This server has no health endpoint (HTTP 404)');
  if (status === 502 || status === 504) return unreachableHealth(`The gateway is not answering (HTTP ${status})`);
  return unreachableHealth(`The health check failed (HTTP ${status})`);
}
