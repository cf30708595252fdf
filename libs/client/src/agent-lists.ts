import { AGENT_LISTS, type AgentList, type ListChange, type ListItem, type ListsSnapshotFrame } from '@switchboard/contracts';

type Snapshot = Pick<ListsSnapshotFrame, AgentList> & Partial<Pick<ListsSnapshotFrame, 'totals'>>;

/**
 * An agent's Queue / Transferred / My Chats lists kept from `lists.snapshot`
 * and `lists.changed` frames: a change applies only when its version is newer
 * than what is held for the session (so late or repeated changes are harmless).
 * A snapshot carries at most the first rows of each list; `more(list)` counts
 * the rows it left out, as long as they stay there (the gateway tells only
 * when one leaves the list: a `remove` of a session not held).
 */
export class AgentListsModel {
  private readonly items = new Map<string, { list: AgentList; item: ListItem }>();
  private readonly versions = new Map<string, number>();
  private readonly leftOut: Record<AgentList, number> = { queue: 0, transferred: 0, myChats: 0 };

  applySnapshot(snapshot: Snapshot): void {
    this.items.clear();
    for (const list of AGENT_LISTS) {
      for (const item of snapshot[list]) {
        this.items.set(item.sessionId, { list, item });
        this.versions.set(item.sessionId, Math.max(item.version, this.versions.get(item.sessionId) ?? 0));
      }
      this.leftOut[list] = Math.max(0, (snapshot.totals?.[list] ?? snapshot[list].length) - snapshot[list].length);
    }
  }

  apply(changes: readonly ListChange[]): void {
    for (const change of changes) {
      const sessionId = change.op === 'upsert' ? change.item.sessionId : change.sessionId;
      const version = change.op === 'upsert' ? change.item.version : change.version;
      const held = this.versions.get(sessionId);
      if (held !== undefined && version < held) continue;
      this.versions.set(sessionId, version);
      if (change.op === 'upsert') this.items.set(sessionId, { list: change.list, item: change.item });
      else if (this.items.get(sessionId)?.list === change.list) this.items.delete(sessionId);
      else this.leftOut[change.list] = Math.max(0, this.leftOut[change.list] - 1);
    }
  }

  list(list: AgentList): ListItem[] {
    return [...this.items.values()].filter((e) => e.list === list).map((e) => e.item);
  }

  ids(list: AgentList): string[] {
    return this.list(list).map((i) => i.sessionId).sort();
  }

  /** Rows of the list the last snapshot left out (past its bound) that are still in it. */
  more(list: AgentList): number {
    return this.leftOut[list];
  }

  /** Every row of the list: those held and those left out. */
  total(list: AgentList): number {
    return this.list(list).length + this.leftOut[list];
  }
}
