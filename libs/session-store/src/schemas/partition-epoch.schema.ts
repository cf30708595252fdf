import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One fencing epoch drawn for a chat partition's ownership (PartitionEpochs).
 * A partition keeps its newest and those drawn in the last EPOCHS_KEPT_MS.
 */
@Schema({ collection: 'chat_partition_epochs', versionKey: false })
export class PartitionEpoch {
  /** `p<partition>:<epoch>`: the unique id makes each epoch drawn once. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, required: true })
  partition!: number;

  @Prop({ type: Number, required: true })
  epoch!: number;

  /** The chat actor that drew it (diagnostics). */
  @Prop({ type: String, required: true })
  owner!: string;

  @Prop({ type: Date, required: true })
  at!: Date;
}

export const PartitionEpochSchema = SchemaFactory.createForClass(PartitionEpoch);
export const partitionEpochId = (partition: number, epoch: number) => `p${partition}:${epoch}`;
