import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A document written, read back and deleted by the round-trip probe. */
@Schema({ collection: 'diagnostic_probes', versionKey: false })
export class DiagnosticProbe {
  @Prop({ required: true, type: String })
  service!: string;

  @Prop({ required: true, type: String })
  instanceId!: string;

  @Prop({ required: true, type: String })
  nonce!: string;

  @Prop({ required: true, type: Date, default: () => new Date() })
  storedAt!: Date;
}

export const DiagnosticProbeSchema = SchemaFactory.createForClass(DiagnosticProbe);
