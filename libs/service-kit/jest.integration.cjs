const preset = require('../../jest.integration-preset.cjs');

module.exports = { ...preset, displayName: 'service-kit:integration', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.integration-spec.ts'] };
