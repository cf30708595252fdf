import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DEFAULT_SETTINGS, type Settings } from '@switchboard/domain';
import { SettingsCache } from '@switchboard/reference-data';

/**
 * The settings as a value at hand for synchronous decisions (who sees which
 * session), refreshed when an administrator changes them (A9).
 */
@Injectable()
export class LiveSettings implements OnApplicationBootstrap {
  private readonly logger = new Logger(LiveSettings.name);
  private value: Settings = DEFAULT_SETTINGS;
  private readonly listeners = new Set<() => void>();

  constructor(@Inject(SettingsCache) private readonly cache: SettingsCache) {}

  async onApplicationBootstrap(): Promise<void> {
    this.value = await this.cache.current();
    this.cache.onChange(() => void this.reload().catch((err) => this.logger.warn({ err }, 'settings not reloaded')));
  }

  get current(): Settings {
    return this.value;
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  async reload(): Promise<void> {
    this.value = await this.cache.current();
    for (const listener of this.listeners) listener();
  }
}
