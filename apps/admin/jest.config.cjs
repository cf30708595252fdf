// Unit tests of the admin console: jest-preset-angular (TestBed, zoneless change detection, jsdom).
const { createCjsPreset } = require('jest-preset-angular/presets');

module.exports = {
  ...createCjsPreset({
    tsconfig: '<rootDir>/tsconfig.spec.json',
    // The preset's own jsdom environment: no separate jest-environment-jsdom package needed.
    testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  }),
  displayName: 'admin',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  // The shared wire contracts (the admin API's schemas and views), as in the workspace preset.
  moduleNameMapper: { '^@switchboard/contracts$': '<rootDir>/../../libs/contracts/src/index.ts' },
};
