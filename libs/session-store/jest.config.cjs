const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'session-store', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'], passWithNoTests: true };
