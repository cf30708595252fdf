/**
 * Preloaded (`node -r`) into a service under test by `startService(...,
 * { injectFailures: true })`: one signal makes a promise rejection that
 * nobody handles, another an exception that nobody catches, as a bug in the
 * service would. Without the process failure policy (ADR 0005) either ends
 * the process. The signals are ones whose default is to be ignored and that
 * Nest's shutdown hooks do not listen for (SIGHUP and SIGUSR2 they do).
 */
import { INJECT_EXCEPTION_SIGNAL, INJECT_REJECTION_SIGNAL } from './inject-failure-signals';

process.on(INJECT_REJECTION_SIGNAL, () => {
  void Promise.reject(new Error('injected unhandled rejection'));
});
process.on(INJECT_EXCEPTION_SIGNAL, () => {
  setImmediate(() => {
    throw new Error('injected uncaught exception');
  });
});
