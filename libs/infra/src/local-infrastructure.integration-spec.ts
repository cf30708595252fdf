import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import mongoose from 'mongoose';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { containerRuntimeAvailable } from './containers/container-runtime';
import { mongoUriFor, provideInfrastructure } from './provide-infrastructure';

const ROOT = resolve(__dirname, '../../..');

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('local infrastructure (no container runtime, nothing in the environment)', () => {
  it('answers whether a container runtime exists within seconds instead of waiting on a timeout', async () => {
    const started = Date.now();
    const available = await containerRuntimeAvailable();
    // This machine has the docker client but no engine; elsewhere a runtime may exist.
    if (!available) expect(Date.now() - started).toBeLessThan(3000);
  });

  it('starts nats-server with JetStream and a MongoDB-wire server on free ports, and stops both', async () => {
    const infra = await provideInfrastructure({ purpose: 'test', projectRoot: ROOT, env: { SWITCHBOARD_NO_CONTAINERS: '1', PATH: process.env['PATH'] } });
    expect(infra.source).toBe('local');

    const nc = await connect({ servers: infra.natsUrl });
    const jsm = await jetstreamManager(nc);
    const info = await jsm.getAccountInfo();
    expect(info.limits).toBeDefined();
    await nc.close();

    const db = await mongoose.createConnection(mongoUriFor(infra.mongoUri, 'infra_check')).asPromise();
    await db.collection('things').insertOne({ hello: 'world' });
    expect(await db.collection('things').findOne({ hello: 'world' })).toMatchObject({ hello: 'world' });
    await db.close();

    const natsPid = infra.localNats && findPid(infra.localNats.port);
    expect(alive(natsPid)).toBe(true);
    await infra.stop();
    expect(alive(natsPid)).toBe(false);
  });

  it('restarts NATS on the same port after a crash, keeping its JetStream data', async () => {
    const infra = await provideInfrastructure({ purpose: 'test', projectRoot: ROOT, env: { SWITCHBOARD_NO_CONTAINERS: '1' } });
    try {
      const nats = infra.localNats!;
      let nc = await connect({ servers: nats.url });
      await (await jetstreamManager(nc)).streams.add({ name: 'KEEP', subjects: ['keep.>'] });
      await nc.close();
      await nats.kill();
      await expect(connect({ servers: nats.url, reconnect: false, timeout: 500 })).rejects.toThrow();
      await nats.restart();
      nc = await connect({ servers: nats.url });
      const stream = await (await jetstreamManager(nc)).streams.info('KEEP');
      expect(stream.config.name).toBe('KEEP');
      await nc.close();
    } finally {
      await infra.stop();
    }
  });
});

function findPid(port: number): number | undefined {
  const out = execFileSync('sh', ['-c', `ss -ltnpH 'sport = :${port}' || true`], { encoding: 'utf8' });
  const match = /pid=(\d+)/.exec(out);
  return match ? Number(match[1]) : undefined;
}
