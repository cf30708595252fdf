// Runs TypeScript sources directly under Node: SWC compiles each file on load
// (decorator metadata for Nest DI, tsconfig `paths` for the workspace libs).
process.env.SWC_NODE_PROJECT ??= require('node:path').join(__dirname, '..', '..', 'tsconfig.base.json');
require('@swc-node/register');
