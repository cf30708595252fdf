import type { Page } from 'playwright-core';

/**
 * Run in the page: every animation and transition with an end (dialogs,
 * snack bars, ripples) has finished; endless ones (spinners) are left out.
 * A string, since this library is compiled without the DOM's types.
 */
const FINITE_ANIMATIONS_FINISHED = `Promise.all(
  document
    .getAnimations()
    .filter((a) => Number.isFinite(Number(a.effect && a.effect.getComputedTiming().endTime)))
    .map((a) => a.finished.catch(() => undefined)),
).then(() => undefined)`;

/** Waits until the page's animations have finished, e.g. before a screenshot, instead of a guessed pause. */
export async function animationsFinished(page: Pick<Page, 'evaluate'>): Promise<void> {
  await page.evaluate(FINITE_ANIMATIONS_FINISHED);
}
