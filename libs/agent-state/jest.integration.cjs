const preset = require('../../jest.integration-preset.cjs');

module.exports = { ...preset, displayName: 'agent-state:integration', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.integration-spec.ts'] };
