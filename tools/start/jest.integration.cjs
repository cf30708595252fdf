const preset = require('../../jest.preset.cjs');

// `npm start` provides its own infrastructure, so no globalSetup here.
module.exports = {
  ...preset,
  displayName: 'start:integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.integration-spec.ts'],
  testTimeout: 240000,
};
