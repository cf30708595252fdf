const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'start', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
