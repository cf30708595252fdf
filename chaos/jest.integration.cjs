// The short chaos run of `npm test` (about 2 minutes of kills): one spec, the database from the
// integration preset's globalSetup, its own three-node NATS cluster.
const preset = require('../jest.integration-preset.cjs');

module.exports = { ...preset, displayName: 'chaos:integration', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.integration-spec.ts'] };
