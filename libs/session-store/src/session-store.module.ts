import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SessionIndexes } from './indexes/session-indexes';
import { SessionQueries } from './queries/session-queries';
import { SessionReader } from './reader/session-reader';
import { OutboxMark, OutboxMarkSchema } from './schemas/outbox-mark.schema';
import { PartitionEpoch, PartitionEpochSchema } from './schemas/partition-epoch.schema';
import { SessionCommit, SessionCommitSchema } from './schemas/session-commit.schema';
import { SessionRecord, SessionRecordSchema } from './schemas/session-record.schema';
import { OutboxMarks } from './writer/outbox-marks';
import { PartitionEpochs } from './writer/partition-epochs';
import { SessionWriter } from './writer/session-writer';

/**
 * The chat sessions' collections and the only ways to reach them: SessionReader
 * (one session as it is now, its history in pages) and SessionQueries (sets of
 * sessions from their snapshots) for reading; SessionWriter (starts, commits,
 * snapshots), OutboxMarks and PartitionEpochs for the chat actors, which alone write them. No
 * other code touches the models.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: SessionRecord.name, schema: SessionRecordSchema },
      { name: SessionCommit.name, schema: SessionCommitSchema },
      { name: OutboxMark.name, schema: OutboxMarkSchema },
      { name: PartitionEpoch.name, schema: PartitionEpochSchema },
    ]),
  ],
  // SessionIndexes: no process serves before the unique indexes exist.
  providers: [SessionIndexes, SessionReader, SessionQueries, SessionWriter, OutboxMarks, PartitionEpochs],
  exports: [SessionReader, SessionQueries, SessionWriter, OutboxMarks, PartitionEpochs],
})
export class SessionStoreModule {}
