export * from './config/service-config';
export { LoggingModule } from './logging/logging.module';
export { NatsModule, NATS_CONNECTION, SUBJECTS } from './nats/nats.module';
export * from './nats/nats-json';
export {
  ensureStream,
  jetStreamStorageOf,
  openKvBucket,
  JETSTREAM_STORAGE,
  SINGLE_NODE_STORAGE,
  type JetStreamStorage,
} from './nats/jetstream-storage';
export { fromNatsSafeKey, isRevisionConflict, natsSafeKey } from './nats/nats-keys';
export { DatabaseModule } from './database/database.module';
export { HealthModule } from './health/health.module';
export { DiagnosticsModule } from './diagnostics/diagnostics.module';
export { DiagnosticsService } from './diagnostics/diagnostics.service';
export { ServiceModule } from './bootstrap/service-module';
export { bootstrapService } from './bootstrap/bootstrap-service';
export {
  installFailurePolicy,
  isFatalByDesign,
  processFailureReport,
  processFailuresMetric,
  registerProcessFailureMetrics,
  FatalProcessError,
  type FailureLogger,
  type FailurePolicy,
  type ProcessFailureReport,
} from './process/failure-policy';
export { type ProcessDiagnostics } from './process/process-diagnostics.controller';
export { ChatActorClient, type ChatActorClientOptions } from './chat/chat-actor.client';
export { chatEventsStreamConfig, ensureChatEventsStream } from './chat/chat-events-stream';
export { PartitionLeases, DEFAULT_LEASE_TIMINGS, type LeaseTimings, type PartitionLeaseEvents } from './cluster/partition-leases';
export { desiredPartitions } from './cluster/partitioning';
export { followKv, KV_WATCH_CHECK_MS, type KvFollower, type KvFollowOptions } from './nats/kv-watch';
