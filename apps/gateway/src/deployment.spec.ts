import { loadConfig } from '@switchboard/service-kit';
import { deployedApps } from '@switchboard/testing';
import { gatewayConfigSchema } from './config';

describe('deployment files (deploy/) start the gateway correctly', () => {
  const deployed = deployedApps('gateway');
  // Read by the image's start command and by Node, not by the app's configuration.
  const outside = new Set(['APP', 'NODE_ENV']);

  it('the compose file and the Kubernetes manifests both start it', () => {
    expect(deployed.map((d) => d.source.split(' ')[0])).toEqual(expect.arrayContaining(['compose', 'kubernetes']));
  });

  it.each(deployed.map((d) => [d.source, d] as const))('%s sets only variables the gateway reads, and its configuration loads', (_source, d) => {
    const known = new Set(Object.keys(gatewayConfigSchema.shape));
    expect(Object.keys(d.env).filter((k) => !known.has(k) && !outside.has(k))).toEqual([]);
    const config = loadConfig(gatewayConfigSchema, d.env);
    expect(config.HTTP_HOST).toBe('0.0.0.0');
    expect(config.MONGODB_URI).toMatch(/replicaSet=/);
    // Three NATS nodes: every stream and bucket on each, so one may fail.
    expect({ replicas: config.NATS_REPLICAS, storage: config.NATS_STORAGE }).toEqual({ replicas: 3, storage: 'file' });
  });

  it('the Kubernetes probes are the health endpoints every service serves', () => {
    for (const d of deployed.filter((x) => x.source.startsWith('kubernetes'))) expect(d.probes.sort()).toEqual(['/health/live', '/health/ready']);
  });
});
