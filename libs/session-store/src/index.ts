export { SessionStoreModule } from './session-store.module';
export { SessionReader, StoredSchemaError, type StoredSession } from './reader/session-reader';
export {
  OPEN_SESSIONS_BATCH,
  OPEN_TICKETS_MAX,
  SEARCH_PAGE_MAX,
  SEARCH_TEXT_MAX,
  SessionQueries,
  SessionQueryError,
  type OpenSessionPosition,
  type OpenSessionSummary,
  type OpenTicket,
  type SessionSearch,
  type SessionSearchPage,
  type SessionSearchRow,
} from './queries/session-queries';
export { SessionRecord, SessionRecordSchema } from './schemas/session-record.schema';
export { OutboxMark, OutboxMarkSchema, outboxMarkId } from './schemas/outbox-mark.schema';
export { SessionCommit, SessionCommitSchema, commitId, commandKeyOf } from './schemas/session-commit.schema';
export { HISTORY_READ_MAX, type HistoryRead } from './reader/session-reader';
export { SessionIndexes, SESSION_INDEX_BUILD_DEADLINE_MS } from './indexes/session-indexes';
export {
  SessionWriter,
  SNAPSHOT_BATCH,
  SNAPSHOT_EVERY,
  startKeyOf,
  type InsertOutcome,
  type StoredOutcome,
  type StoredSince,
  type WriteOutcome,
} from './writer/session-writer';
export { OutboxMarks } from './writer/outbox-marks';
export { PartitionEpochs } from './writer/partition-epochs';
export { PartitionEpoch, PartitionEpochSchema, partitionEpochId } from './schemas/partition-epoch.schema';
