export { testInfra, uniqueDatabase } from './infra/test-infra';
export { eventually } from './async/eventually';
export { consistently } from './async/consistently';
export { startService, opsHeaders, TEST_OPS_TOKEN, type ServiceProcess, type AppName } from './services/service-process';
export { describeServiceWiring } from './checks/service-wiring';
export { ChatCluster, type ChatClusterOptions } from './chat/chat-cluster';
export { startOwnNats } from './infra/own-nats';
export { deployedApps, type DeployedApp } from './deploy/deployment-env';
export { signInThroughProvider, startOidcTestProvider, type OidcTestAccount, type OidcTestProvider } from './oidc/oidc-test-provider';
