import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ResponseTemplateView } from '@switchboard/contracts';
import { ResponseTemplateRecord } from '@switchboard/reference-data';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { RecordCollection } from '../shared/record-collection';

type Input = Omit<ResponseTemplateView, 'id' | 'updatedAt'>;

const toView = (doc: ResponseTemplateRecord): ResponseTemplateView => ({
  id: doc._id,
  title: doc.title,
  text: doc.text,
  // Seeded records may have no time yet.
  updatedAt: new Date(doc.updatedAt ?? 0).toISOString(),
});

@Injectable()
export class ResponseTemplatesService extends RecordCollection<ResponseTemplateRecord, ResponseTemplateView> {
  constructor(@InjectModel(ResponseTemplateRecord.name) templates: Model<ResponseTemplateRecord>) {
    super(templates, { name: 'Response template', toView, search: ['title', 'text'], sort: { title: 1 } });
  }

  create(input: Input): Promise<ResponseTemplateView> {
    return this.insert({ _id: randomUUID(), ...input, updatedAt: new Date() });
  }

  update(id: string, input: Partial<Input>): Promise<ResponseTemplateView> {
    return this.change(id, { $set: { ...input, updatedAt: new Date() } });
  }
}
