import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import type { Settings } from '@switchboard/domain';
import { ReferenceDataRepository } from '../repository/reference-data.repository';
import { NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';

/**
 * The settings every decision uses, read once and kept until an admin
 * changes them: the change event on NATS drops the copy at once (A9), and a
 * short expiry covers a missed event.
 */
@Injectable()
export class SettingsCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private cached?: { value: Promise<Settings>; at: number };
  private subscription?: Subscription;
  private static readonly MAX_AGE_MS = 5000;

  constructor(
    private readonly reference: ReferenceDataRepository,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
  ) {}

  private readonly listeners = new Set<() => void>();

  onApplicationBootstrap(): void {
    this.subscription = this.nc.subscribe(this.subjects.settingsChanged, {
      callback: () => {
        this.invalidate();
        for (const listener of this.listeners) listener();
      },
    });
  }

  /** Calls `listener` after every announced settings change (the copy is already dropped then). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  current(): Promise<Settings> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > SettingsCache.MAX_AGE_MS) {
      const value = this.reference.settings();
      this.cached = { value, at: now };
      value.catch(() => this.invalidate());
    }
    return this.cached.value;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
