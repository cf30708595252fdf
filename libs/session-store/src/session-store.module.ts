import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SessionReader } from './reader/session-reader';
import { OutboxMark, OutboxMarkSchema } from './schemas/outbox-mark.schema';
import { SessionCommit, SessionCommitSchema } from './schemas/session-commit.schema';
import { SessionRecord, SessionRecordSchema } from './schemas/session-record.schema';

/** The chat sessions' collections (written by the chat actors only) and their reader. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: SessionRecord.name, schema: SessionRecordSchema },
      { name: SessionCommit.name, schema: SessionCommitSchema },
      { name: OutboxMark.name, schema: OutboxMarkSchema },
    ]),
  ],
  providers: [SessionReader],
  exports: [SessionReader, MongooseModule],
})
export class SessionStoreModule {}
