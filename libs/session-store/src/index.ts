export { SessionStoreModule } from './session-store.module';
export { SessionReader, type StoredSession } from './reader/session-reader';
export { SessionRecord, SessionRecordSchema } from './schemas/session-record.schema';
export { OutboxMark, OutboxMarkSchema, outboxMarkId } from './schemas/outbox-mark.schema';
export { SessionCommit, SessionCommitSchema, commitId, commandKeyOf } from './schemas/session-commit.schema';
export { HISTORY_READ_MAX, type HistoryRead } from './reader/session-reader';
