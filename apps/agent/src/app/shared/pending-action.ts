import { signal } from '@angular/core';
import { describeFailure } from '@switchboard/client';

/** A panel's button action in flight: busy while it runs (buttons disabled), and its failure as text for the panel's alert. */
export class PendingAction {
  readonly busy = signal(false);
  readonly error = signal<string | undefined>(undefined);

  async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(undefined);
    try {
      await action();
    } catch (error) {
      this.error.set(describeFailure(error));
    } finally {
      this.busy.set(false);
    }
  }
}
