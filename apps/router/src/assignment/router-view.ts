import { Injectable } from '@nestjs/common';
import type { Settings } from '@switchboard/domain';
import { AssignmentPlanner } from './assignment-planner';

/**
 * What this router knows, shared by its parts: the planner (waiting
 * sessions, agents, proposals in flight), the settings, and the router
 * partitions it holds. The inputs write it, the assignment loop plans from
 * it; `changed()` asks the loop for a planning pass.
 */
@Injectable()
export class RouterView {
  readonly planner = new AssignmentPlanner();
  readonly owned = new Set<number>();
  settings?: Settings;
  private readonly changeListeners: Array<() => void> = [];
  private readonly settingsStaleListeners: Array<() => Promise<void>> = [];

  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  /** The settings' inputs read them again when an answer says they are stale (AUTO_ACCEPT_OFF). */
  onSettingsStale(listener: () => Promise<void>): void {
    this.settingsStaleListeners.push(listener);
  }

  async settingsStale(): Promise<void> {
    await Promise.all(this.settingsStaleListeners.map((listener) => listener()));
  }
}
