import type mongoose from 'mongoose';

export interface StoredHistoryEntry {
  seq: number;
  type: string;
  commandId: string;
}

export interface StoredSessionView {
  version: number;
  status: string;
  ownerAgentId?: string;
  history: StoredHistoryEntry[];
}

/**
 * Reads a session as the database holds it: the snapshot, rolled forward
 * through the commits stored after it (`<sessionId>@<version>`).
 */
export async function storedSession(db: mongoose.Connection, sessionId: string): Promise<StoredSessionView | undefined> {
  const record = await db.collection('chat_sessions').findOne({ _id: sessionId as never });
  if (!record) return undefined;
  // The snapshot holds no history: it starts with the start's events and goes on in the commits.
  const history = [...(record['startEvents'] as StoredHistoryEntry[])];
  let status = 'QUEUED';
  let ownerAgentId: string | undefined;
  for (;;) {
    const commit = await db.collection('chat_session_commits').findOne({ _id: `${sessionId}@${history.length}` as never });
    if (!commit) break;
    for (const event of commit['events'] as Array<StoredHistoryEntry & { agentId?: string }>) {
      history.push(event);
      // Only what the tests look at: owner changes.
      if (event.type === 'SessionAssigned') [status, ownerAgentId] = ['ASSIGNED', event.agentId];
      if (['SessionReleased', 'TransferredToQueue', 'TransferReverted'].includes(event.type)) [status, ownerAgentId] = ['QUEUED', undefined];
      if (event.type === 'TransferRequested') [status, ownerAgentId] = ['PENDING_TRANSFER', undefined];
      if (event.type === 'SessionClosed') [status, ownerAgentId] = ['CLOSED', undefined];
      if (event.type === 'SessionAbandoned') [status, ownerAgentId] = ['ABANDONED', undefined];
    }
  }
  return { version: history.length, status, ownerAgentId, history };
}
