const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'agent-state', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
