import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createSubjects, roundTripResultSchema, type ServiceName } from '@switchboard/contracts';
import { decodeJson, encodeJson, requestJson } from '@switchboard/service-kit';
import { randomBytes, randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { ProcessDiagnostics } from '@switchboard/service-kit';
import { eventually } from '../async/eventually';
import { INJECT_EXCEPTION_SIGNAL, INJECT_REJECTION_SIGNAL } from '../services/inject-failure-signals';
import { opsHeaders, startService, type ServiceProcess } from '../services/service-process';
import { testInfra, uniqueDatabase } from '../infra/test-infra';

/**
 * The workspace acceptance check every service passes: started as its own OS
 * process against the real NATS and the real database, it reports ready,
 * answers a NATS round trip by writing a document through mongoose, and
 * survives malformed requests and failures nobody handled (ADR 0005).
 * `metricsPath`: where the service serves Prometheus metrics, if it does.
 */
export function describeServiceWiring(service: ServiceName, options: { metricsPath?: string } = {}): void {
  describe(`${service} process against real NATS and database`, () => {
    const prefix = `t${randomBytes(4).toString('hex')}`;
    const subjects = createSubjects(prefix);
    const database = uniqueDatabase(service.replace('-', '_'));
    let proc: ServiceProcess;
    let nc: NatsConnection;
    let db: mongoose.Connection;

    beforeAll(async () => {
      const infra = testInfra();
      proc = await startService(service, {
        NATS_URL: infra.natsUrl,
        MONGODB_URI: infra.mongoUri,
        MONGODB_DB: database.name,
        NATS_SUBJECT_PREFIX: prefix,
      }, { injectFailures: true });
      nc = await connect({ servers: infra.natsUrl });
      db = await mongoose.createConnection(database.uri).asPromise();
    });

    afterAll(async () => {
      await proc?.stop();
      await nc?.close();
      await db?.close();
    });

    it('reports live and ready (NATS and database up) on its health endpoints', async () => {
      const live = await fetch(`${proc.url}/health/live`);
      expect(live.status).toBe(200);
      const ready = await fetch(`${proc.url}/health/ready`);
      const body = (await ready.json()) as { status: string; info: Record<string, { status: string }> };
      expect(ready.status).toBe(200);
      expect(body.info['nats']?.status).toBe('up');
      expect(body.info['mongodb']?.status).toBe('up');
    });

    it('issue 13 item 9: health is public and minimal (no addresses); metrics and diagnostics need the ops token', async () => {
      const infra = testInfra();
      const internal = [new URL(infra.natsUrl).host, new URL(infra.mongoUri).host];
      for (const path of ['/health/live', '/health/ready']) {
        const res = await fetch(`${proc.url}${path}`);
        expect(res.status).toBe(200);
        const text = await res.text();
        for (const address of internal) expect(text).not.toContain(address);
        expect(text).not.toMatch(/nats:\/\/|mongodb:\/\/|127\.0\.0\.1|localhost/);
      }
      const guarded = ['/diagnostics/process', ...(options.metricsPath ? [options.metricsPath] : [])];
      for (const path of guarded) {
        const anonymous = await fetch(`${proc.url}${path}`);
        expect(anonymous.status).toBe(401);
        expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHORIZED' });
        const wrong = await fetch(`${proc.url}${path}`, { headers: { authorization: 'Bearer not-the-ops-token' } });
        expect(wrong.status).toBe(403);
        expect((await fetch(`${proc.url}${path}`, { headers: opsHeaders })).status).toBe(200);
      }
    });

    it('answers a NATS request by writing a document through mongoose and reading it back, and leaves nothing behind (issue 13 item 3)', async () => {
      const nonce = randomUUID();
      const reply = await requestJson(nc, subjects.diagnosticsRoundTrip(service), { nonce }, roundTripResultSchema);
      expect(reply).toMatchObject({ ok: true, data: { service, nonce } });
      if (!reply.ok) return;
      expect(reply.data.documentId).toMatch(/^[0-9a-f]{24}$/);
      // FerretDB 1.x has no TTL indexes: the probe deletes its document itself.
      expect(await db.collection('diagnostic_probes').countDocuments({})).toBe(0);
    });

    it('refuses malformed, invalid and oversized requests with typed errors and keeps serving', async () => {
      const subject = subjects.diagnosticsRoundTrip(service);
      const notJson = await nc.request(subject, new TextEncoder().encode('{nope'), { timeout: 3000 });
      expect(decodeJson(notJson.data)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      const invalid = await nc.request(subject, encodeJson({ nonce: 42 }), { timeout: 3000 });
      expect(decodeJson(invalid.data)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      const huge = await nc.request(subject, encodeJson({ nonce: 'x'.repeat(100_000) }), { timeout: 3000 });
      expect(decodeJson(huge.data)).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
      const after = await requestJson(nc, subject, { nonce: 'still-serving' }, roundTripResultSchema);
      expect(after.ok).toBe(true);
    });

    it('logs and counts an unhandled rejection and an uncaught exception, and keeps answering', async () => {
      const diagnostics = async () => (await (await fetch(`${proc.url}/diagnostics/process`, { headers: opsHeaders })).json()) as ProcessDiagnostics;
      const before = await diagnostics();
      expect(before).toMatchObject({ pid: proc.pid, failures: { installed: true } });

      process.kill(proc.pid, INJECT_REJECTION_SIGNAL); // a rejection nobody handles
      await eventually(async () => expect((await diagnostics()).failures.unhandledRejections).toBe(before.failures.unhandledRejections + 1));
      process.kill(proc.pid, INJECT_EXCEPTION_SIGNAL); // an exception nobody catches
      await eventually(async () => expect((await diagnostics()).failures.uncaughtExceptions).toBe(before.failures.uncaughtExceptions + 1));

      expect(proc.alive()).toBe(true);
      // The log lines come through the child's stdout pipe, which may trail its HTTP answers.
      await eventually(() => {
        const logged = proc.logs.filter((line) => line.includes('logged and survived'));
        expect(logged.some((line) => line.includes('"kind":"unhandledRejection"') && line.includes('injected unhandled rejection'))).toBe(true);
        expect(logged.some((line) => line.includes('"kind":"uncaughtException"') && line.includes('injected uncaught exception'))).toBe(true);
      });
      const after = await requestJson(nc, subjects.diagnosticsRoundTrip(service), { nonce: 'after-failures' }, roundTripResultSchema);
      expect(after.ok).toBe(true);
      expect((await fetch(`${proc.url}/health/live`)).status).toBe(200);
      if (options.metricsPath) {
        const metrics = await (await fetch(`${proc.url}${options.metricsPath}`, { headers: opsHeaders })).text();
        expect(metrics).toMatch(/switchboard_process_failures_total\{kind="unhandledRejection"\} [1-9]/);
        expect(metrics).toMatch(/switchboard_process_failures_total\{kind="uncaughtException"\} [1-9]/);
      }
    });
  });
}
