// Shared jest settings: SWC compiles TypeScript (with decorator metadata for Nest),
// Nest 12 ships ES modules only, so its packages are transformed too.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // ES-module-only packages loaded by code under test: Nest's, NATS's, the identity libraries, and file-type
  // (attachments' type from their content) with its dependencies.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@nats-io|jose|openid-client|oauth4webapi|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@switchboard/domain$': path.join(__dirname, 'libs/domain/src/index.ts'),
    '^@switchboard/contracts$': path.join(__dirname, 'libs/contracts/src/index.ts'),
    '^@switchboard/client$': path.join(__dirname, 'libs/client/src/index.ts'),
    '^@switchboard/client/session$': path.join(__dirname, 'libs/client/src/session.ts'),
    '^@switchboard/client/testing$': path.join(__dirname, 'libs/client/src/testing/index.ts'),
    '^@switchboard/chat-ui$': path.join(__dirname, 'libs/chat-ui/src/index.ts'),
    '^@switchboard/chat-ui/testing$': path.join(__dirname, 'libs/chat-ui/src/testing/index.ts'),
    '^@switchboard/service-kit$': path.join(__dirname, 'libs/service-kit/src/index.ts'),
    '^@switchboard/reference-data$': path.join(__dirname, 'libs/reference-data/src/index.ts'),
    '^@switchboard/session-store$': path.join(__dirname, 'libs/session-store/src/index.ts'),
    '^@switchboard/agent-state$': path.join(__dirname, 'libs/agent-state/src/index.ts'),
    '^@switchboard/infra$': path.join(__dirname, 'libs/infra/src/index.ts'),
    '^@switchboard/testing$': path.join(__dirname, 'libs/testing/src/index.ts'),
  },
};
