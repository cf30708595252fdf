const preset = require('../../jest.integration-preset.cjs');

module.exports = { ...preset, displayName: 'session-store:integration', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.integration-spec.ts'] };
