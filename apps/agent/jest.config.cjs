// Unit tests of the app: jest-preset-angular (TestBed, zoneless change detection, jsdom).
const { createCjsPreset } = require('jest-preset-angular/presets');
const { moduleNameMapper } = require('../../jest.preset.cjs');

module.exports = {
  ...createCjsPreset({
    tsconfig: '<rootDir>/tsconfig.spec.json',
    // The preset's own jsdom environment: no separate jest-environment-jsdom package needed.
    testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  }),
  displayName: 'agent',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // The workspace libs the app uses (@switchboard/client, @switchboard/contracts), from source.
  moduleNameMapper,
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  // A spec's first test compiles its components' templates: on a busy two-core machine that alone took over 5 s.
  testTimeout: 20_000,
};
