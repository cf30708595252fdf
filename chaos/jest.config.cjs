const preset = require('../jest.preset.cjs');

module.exports = { ...preset, displayName: 'chaos', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
