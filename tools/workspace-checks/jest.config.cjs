const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'workspace-checks', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'], testTimeout: 60000 };
