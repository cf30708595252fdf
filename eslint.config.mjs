import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Imports the pure domain and the wire contracts must never make. */
const FRAMEWORKS_AND_DRIVERS = ['@nestjs/*', 'mongoose', 'mongodb', '@nats-io/*', 'nats', '@angular/*', 'express', 'rxjs', 'ws'];

export default [
  { ignores: ['**/node_modules', '**/dist', '**/.angular', '**/.nx', '.tools', '.data', 'tmp', 'coverage'] },
  ...tseslint.configs.recommended,
  {
    // Jest configs and Node scripts are CommonJS by design.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Two dimensions: what a project is (type) and whose it is (scope).
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util', 'type:data-access', 'type:testing', 'type:ui'],
            },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util', 'type:data-access'] },
            // Angular components and the theme the browser apps share, on the WebSocket client.
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util', 'type:data-access'] },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: FRAMEWORKS_AND_DRIVERS,
            },
            {
              sourceTag: 'type:domain',
              // The contracts only for their types (`import type`, erased at run time; ADR 7, enforced below).
              onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'],
              // The domain is plain TypeScript: no framework, no driver, no validation library.
              bannedExternalImports: [...FRAMEWORKS_AND_DRIVERS, 'zod'],
            },
            // The browser apps: code that runs in the browser (or is bundled for it), never server,
            // tooling or test-harness code. Their browser tests live in the e2e projects.
            { sourceTag: 'scope:admin', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:agent', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:widget', onlyDependOnLibsWithTags: ['scope:shared'] },
            // Browser tests of the consoles and widget: the test harness (which starts the real stack)
            // and the browser-safe libs.
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared', 'scope:testing'] },
            // Libs the browser may load (domain, contracts, client, chat-ui): nothing else.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server'] },
            { sourceTag: 'scope:tooling', onlyDependOnLibsWithTags: ['scope:tooling'] },
            // libs/testing: starts the infrastructure (tooling) and the services (server) for tests.
            { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server', 'scope:tooling', 'scope:testing'] },
            // The services; their integration tests use the harness.
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server', 'scope:testing'] },
            { sourceTag: 'scope:chat', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server', 'scope:testing'] },
            { sourceTag: 'scope:router', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server', 'scope:testing'] },
            { sourceTag: 'scope:bench', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server', 'scope:tooling', 'scope:testing'] },
            // The chaos run (chaos/): the whole system started by the harness, the WebSocket client as load.
            { sourceTag: 'scope:chaos', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server', 'scope:tooling', 'scope:testing'] },
          ],
        },
      ],
    },
  },
  {
    // ADR 7: the domain uses the contracts' inferred types, never their code (zod stays out of it at
    // run time). Its tests may run the schemas, to check that they carry what the domain produces.
    files: ['libs/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@switchboard/contracts',
              allowTypeImports: true,
              message: 'The domain may import only types from the contracts: use `import type { ... } from \'@switchboard/contracts\'`.',
            },
          ],
        },
      ],
    },
  },
  {
    // One read path (ADR 6, issue 19): the session collections' models belong to libs/session-store and
    // the chat actors that write them; everything else reads through SessionReader and SessionQueries.
    // (libs/domain has its own no-restricted-imports above and cannot reach the session store anyway.)
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'bench/**/*.ts', 'chaos/**/*.ts', 'tools/**/*.ts'],
    ignores: ['libs/session-store/**', 'apps/chat-actor/**', 'libs/domain/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@switchboard/session-store',
              importNames: ['SessionRecord', 'SessionRecordSchema', 'SessionCommit', 'SessionCommitSchema', 'OutboxMark', 'OutboxMarkSchema', 'PartitionEpoch', 'PartitionEpochSchema', 'PartitionEpochs'],
              message: 'Read sessions through SessionReader or SessionQueries (libs/session-store); only the chat actors touch the session collections.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Issue 12: production code states its types; a double cast through unknown hides a wrong one.
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts', 'libs/testing/**', 'apps/*-e2e/**', '**/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'TSAsExpression > TSAsExpression.expression[typeAnnotation.type="TSUnknownKeyword"]', message: 'No `as unknown as` in production code: parse, narrow or type the value instead.' },
      ],
    },
  },
];
