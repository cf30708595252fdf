const preset = require('../../jest.integration-preset.cjs');

// Browser tests of the agent console and the end-user widget against the real stack.
module.exports = { ...preset, displayName: 'console-e2e:integration', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.integration-spec.ts'], testTimeout: 180000 };
