import { mongoUriFor } from '@switchboard/infra';
import { randomBytes } from 'node:crypto';

/** The shared servers started by globalSetup (or given by NATS_URL / MONGODB_URI). */
export function testInfra(): { natsUrl: string; mongoUri: string; source: string } {
  const natsUrl = process.env['SB_TEST_NATS_URL'];
  const mongoUri = process.env['SB_TEST_MONGODB_URI'];
  if (!natsUrl || !mongoUri) {
    throw new Error('Integration tests need the jest globalSetup of jest.integration-preset.cjs (libs/infra/src/jest; run them through nx or npm test)');
  }
  return { natsUrl, mongoUri, source: process.env['SB_TEST_INFRA_SOURCE'] ?? 'unknown' };
}

/** A database of its own for each test file, so files never see each other's data. */
export function uniqueDatabase(prefix: string): { name: string; uri: string } {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`.replace(/[^A-Za-z0-9_]/g, '_');
  return { name, uri: mongoUriFor(testInfra().mongoUri, name) };
}
