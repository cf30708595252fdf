// Jest loads globalSetup/globalTeardown without moduleNameMapper, hence the relative import.
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { Infrastructure } from '../../../infra/src/index';

/** Jest globalTeardown: stops what globalSetup started; nothing is left running. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __switchboardInfra?: Infrastructure }).__switchboardInfra?.stop();
}
