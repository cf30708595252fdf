// Unit tests of the shared UI: jest-preset-angular (TestBed, zoneless change detection, jsdom).
const { createCjsPreset } = require('jest-preset-angular/presets');
const { moduleNameMapper } = require('../../jest.preset.cjs');

module.exports = {
  ...createCjsPreset({
    tsconfig: '<rootDir>/tsconfig.spec.json',
    testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  }),
  displayName: 'chat-ui',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  moduleNameMapper,
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
};
