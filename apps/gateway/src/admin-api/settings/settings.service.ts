import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { NatsConnection } from '@nats-io/transport-node';
import type { SettingsUpdate, SettingsView, Subjects } from '@switchboard/contracts';
import { DEFAULT_SETTINGS, validateSettings } from '@switchboard/domain';
import { ReferenceDataRepository, SETTINGS_ID, SettingsRecord } from '@switchboard/reference-data';
import { encodeJson, NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import type { Model } from 'mongoose';
import { AdminApiError } from '../shared/admin-api.error';

@Injectable()
export class SettingsService {
  constructor(
    @InjectModel(SettingsRecord.name) private readonly model: Model<SettingsRecord>,
    private readonly reference: ReferenceDataRepository,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
  ) {}

  async get(): Promise<SettingsView> {
    const doc = await this.model.findById(SETTINGS_ID).lean();
    const settings = await this.reference.settings();
    return { ...settings, maskPatterns: [...settings.maskPatterns], attachmentTypes: [...settings.attachmentTypes], offerDeclineReasons: [...settings.offerDeclineReasons], dispositionCodes: [...settings.dispositionCodes], revision: doc?.revision ?? 0 };
  }

  /**
   * Checks the change against the current settings (domain rules), stores
   * the whole new set with a higher revision, then tells every process to
   * reload (A9). The flush makes sure the event left before we answer.
   */
  async update(change: SettingsUpdate): Promise<SettingsView> {
    const current = await this.reference.settings().catch(() => DEFAULT_SETTINGS);
    const checked = validateSettings(change, current);
    if (!checked.ok) throw AdminApiError.validation(checked.error.message, checked.error.details);
    const doc = await this.model
      .findOneAndUpdate({ _id: SETTINGS_ID }, { $set: { ...checked.settings }, $inc: { revision: 1 } }, { upsert: true, returnDocument: 'after' })
      .lean();
    const revision = doc?.revision ?? 0;
    this.nc.publish(this.subjects.settingsChanged, encodeJson({ revision }));
    await this.nc.flush();
    return {
      ...checked.settings,
      maskPatterns: [...checked.settings.maskPatterns],
      attachmentTypes: [...checked.settings.attachmentTypes],
      offerDeclineReasons: [...checked.settings.offerDeclineReasons],
      dispositionCodes: [...checked.settings.dispositionCodes],
      revision,
      updatedAt: new Date().toISOString() };
  }
}
