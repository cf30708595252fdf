export * from './errors/error-codes';
export * from './nats/reply-envelope';
export * from './nats/subjects';
export * from './diagnostics/round-trip';
export * from './chat/routing';
export * from './chat/commands.schema';
