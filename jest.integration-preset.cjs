// Integration tiers (*.integration-spec.ts): one NATS and one MongoDB-wire
// server per jest run, from the same provider as `npm start`.
const path = require('node:path');
const preset = require('./jest.preset.cjs');

module.exports = {
  ...preset,
  globalSetup: path.join(__dirname, 'libs/infra/src/jest/global-setup.ts'),
  globalTeardown: path.join(__dirname, 'libs/infra/src/jest/global-teardown.ts'),
  testTimeout: 60000,
};
