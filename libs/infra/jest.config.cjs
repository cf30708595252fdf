const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'infra', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
