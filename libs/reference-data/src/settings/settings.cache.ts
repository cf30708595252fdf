import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import type { Settings } from '@switchboard/domain';
import { NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import { REFERENCE_CACHE_CONFIG, type ReferenceCacheConfig } from '../cache/reference-cache.config';
import { ReferenceDataRepository } from '../repository/reference-data.repository';

/**
 * The settings every decision uses, read once and kept until an admin
 * changes them (A9):
 * - the change event on NATS drops the copy at once and tells the listeners;
 * - after a NATS reconnect (events may have been missed while away) the same;
 * - every SETTINGS_REFRESH_MS the settings are read again, and the listeners
 *   told when they differ from what was last read: a missed event leaves a
 *   process on old settings for at most that long (ADR 8).
 */
@Injectable()
export class SettingsCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SettingsCache.name);
  private cached?: Promise<Settings>;
  /** The settings last read, as JSON: what a periodic read is compared with. */
  private lastRead?: string;
  /** Bumped when the copy is dropped: a read begun before never replaces it. */
  private generation = 0;
  private subscription?: Subscription;
  private refreshTimer?: ReturnType<typeof setInterval>;
  private stopped = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly reference: ReferenceDataRepository,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(REFERENCE_CACHE_CONFIG) private readonly config: ReferenceCacheConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.nc.subscribe(this.subjects.settingsChanged, { callback: () => this.changed() });
    this.refreshTimer = setInterval(() => void this.refresh(), this.config.SETTINGS_REFRESH_MS);
    this.refreshTimer.unref();
    void this.watchReconnects();
  }

  /** Calls `listener` after every change, announced or found (the copy is already dropped or replaced then). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
    clearInterval(this.refreshTimer);
  }

  current(): Promise<Settings> {
    if (!this.cached) {
      const generation = this.generation;
      const value = this.reference.settings();
      this.cached = value;
      value.then(
        (settings) => {
          if (generation === this.generation) this.lastRead = JSON.stringify(settings);
        },
        () => {
          if (this.cached === value) this.cached = undefined;
        },
      );
    }
    return this.cached;
  }

  invalidate(): void {
    this.generation++;
    this.cached = undefined;
  }

  /** Reads the settings again; when they differ from the last read, replaces the copy and tells the listeners. */
  async refresh(): Promise<void> {
    const generation = this.generation;
    try {
      const settings = await this.reference.settings();
      if (generation !== this.generation || this.stopped) return;
      const json = JSON.stringify(settings);
      if (json === this.lastRead) return;
      const known = this.lastRead !== undefined;
      this.lastRead = json;
      this.cached = Promise.resolve(settings);
      if (known) this.notify('read');
    } catch (error) {
      this.logger.warn({ err: error }, 'settings not read again');
    }
  }

  private changed(): void {
    this.invalidate();
    this.notify('announced');
  }

  private notify(how: 'announced' | 'read' | 'reconnect'): void {
    if (how === 'read') this.logger.log('settings changed without their announcement reaching this process');
    for (const listener of this.listeners) listener();
  }

  private async watchReconnects(): Promise<void> {
    try {
      for await (const s of this.nc.status()) {
        if (this.stopped) return;
        if (s.type === 'reconnect') {
          this.invalidate();
          this.notify('reconnect');
        }
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'reconnect watch ended');
    }
  }
}
