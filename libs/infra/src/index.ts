export { freePort, waitForPort } from './net/ports';
export { startProcess, which, type ManagedProcess, type ProcessExit, type StartProcessOptions } from './process/managed-process';
export { startLocalNats, findNatsServer, ensureClusterNatsServer, type LocalNatsServer, type LocalNatsOptions } from './nats/nats-server';
export { startLocalMongo, ensureFerretDb, type LocalMongoServer, type LocalMongoOptions } from './mongo/mongo-server';
export { containerRuntimeAvailable, startContainers } from './containers/container-runtime';
export {
  provideInfrastructure,
  stripDatabase,
  mongoUriFor,
  type Infrastructure,
  type InfrastructureSource,
  type ProvideOptions,
} from './provide-infrastructure';
