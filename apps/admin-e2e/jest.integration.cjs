// Browser tests of the admin console: the real stack (gateway serving the built console,
// chat-actor, router) as OS processes on the NATS and database of the global setup.
const preset = require('../../jest.integration-preset.cjs');

module.exports = {
  ...preset,
  displayName: 'admin-e2e:integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.integration-spec.ts'],
  testTimeout: 120000,
};
