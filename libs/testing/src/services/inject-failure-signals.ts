/** Sent to a service started with `injectFailures`: see inject-failures.ts. */
export const INJECT_REJECTION_SIGNAL: NodeJS.Signals = 'SIGWINCH';
export const INJECT_EXCEPTION_SIGNAL: NodeJS.Signals = 'SIGURG';
