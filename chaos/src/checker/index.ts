export { checkChaosRun, formatVerdict, type ChaosVerdict, type Figures } from './check';
export type { ChaosEvent, ChaosEvidence, CommandRecord, KillKind, KillRecord, StoredCommit, StoredSession, StreamEntry, Violation } from './evidence';
