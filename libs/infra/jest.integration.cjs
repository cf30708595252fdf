const preset = require('../../jest.preset.cjs');

// The provider is what is under test here, so no globalSetup starts one first.
module.exports = {
  ...preset,
  displayName: 'infra:integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.integration-spec.ts'],
  testTimeout: 120000,
};
