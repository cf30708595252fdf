import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import type { AppName } from '../services/service-process';

const ROOT = resolve(__dirname, '../../../..');

/** One place a deployment file starts an app, with the environment it gives it. */
export interface DeployedApp {
  readonly source: string;
  readonly env: Record<string, string>;
  /** Paths of the HTTP probes (Kubernetes). */
  readonly probes: string[];
}

/** Values taken from elsewhere (secrets, the pod name) are stood in for by a valid placeholder. */
const PLACEHOLDER = 'x'.repeat(64);

type Env = Record<string, unknown>;

/** Every way `deploy/` starts `app`: the compose services and the Kubernetes Deployment. */
export function deployedApps(app: AppName): DeployedApp[] {
  const out: DeployedApp[] = [];
  const compose = parse(readFileSync(resolve(ROOT, 'deploy/compose/compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, { environment?: Env }> };
  for (const [name, service] of Object.entries(compose.services)) {
    const env = stringValues(service.environment ?? {});
    if (env['APP'] === app) out.push({ source: `compose service ${name}`, env, probes: [] });
  }
  const docs = parseAllDocuments(readFileSync(resolve(ROOT, 'deploy/kubernetes/switchboard.yaml'), 'utf8')).map((d) => d.toJS() as Env);
  const config = docs.find((d) => d['kind'] === 'ConfigMap') as { data: Env } | undefined;
  for (const doc of docs.filter((d) => d['kind'] === 'Deployment')) {
    const container = (doc as { spec: { template: { spec: { containers: Array<{ env?: Array<{ name: string; value?: string }>; readinessProbe?: { httpGet: { path: string } }; livenessProbe?: { httpGet: { path: string } } }> } } } }).spec.template.spec.containers[0]!;
    const env: Record<string, string> = { ...stringValues(config?.data ?? {}) };
    for (const e of container.env ?? []) env[e.name] = e.value ?? PLACEHOLDER;
    if (env['APP'] !== app) continue;
    const probes = [container.readinessProbe?.httpGet.path, container.livenessProbe?.httpGet.path].filter((p): p is string => p !== undefined);
    out.push({ source: `kubernetes deployment ${(doc as { metadata: { name: string } }).metadata.name}`, env, probes });
  }
  return out;
}

function stringValues(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    // `${VAR:?message}` and `${VAR:-default}` are filled by compose at run time.
    out[k] = typeof v === 'string' && v.startsWith('${') ? (/:-([^}]*)\}/.exec(v)?.[1] ?? PLACEHOLDER) : String(v);
  }
  return out;
}
