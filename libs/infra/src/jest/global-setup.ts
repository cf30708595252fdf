// Jest's globalSetup for the integration tiers (jest.integration-preset.cjs). It lives in this
// lib because Jest loads it without moduleNameMapper: the import stays inside the project.
// libs/testing's testInfra() reads the variables it sets.
import { provideInfrastructure, type Infrastructure } from '../provide-infrastructure';
import { resolve } from 'node:path';

/** Jest globalSetup: one NATS and one MongoDB-wire server for the whole run. */
export default async function globalSetup(): Promise<void> {
  const infra = await provideInfrastructure({ purpose: 'test', projectRoot: resolve(__dirname, '../../../..') });
  // Workers are forked after this and inherit the environment.
  process.env['SB_TEST_NATS_URL'] = infra.natsUrl;
  process.env['SB_TEST_MONGODB_URI'] = infra.mongoUri;
  process.env['SB_TEST_INFRA_SOURCE'] = infra.source;
  (globalThis as { __switchboardInfra?: Infrastructure }).__switchboardInfra = infra;
}
