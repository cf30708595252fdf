// Jest's globalTeardown for the integration tiers (see global-setup.ts).
import type { Infrastructure } from '../provide-infrastructure';

/** Jest globalTeardown: stops what globalSetup started; nothing is left running. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __switchboardInfra?: Infrastructure }).__switchboardInfra?.stop();
}
