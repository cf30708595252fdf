import { AGENT_LISTS, type AgentList, type ListChange, type ListItem, type ListsSnapshotFrame } from '@switchboard/contracts';

/**
 * An agent's Queue / Transferred / My Chats lists kept from `lists.snapshot`
 * and `lists.changed` frames: a change applies only when its version is newer
 * than what is held for the session (so late or repeated changes are harmless).
 */
export class AgentListsModel {
  private readonly items = new Map<string, { list: AgentList; item: ListItem }>();
  private readonly versions = new Map<string, number>();

  applySnapshot(snapshot: Pick<ListsSnapshotFrame, AgentList>): void {
    this.items.clear();
    for (const list of AGENT_LISTS) {
      for (const item of snapshot[list]) {
        this.items.set(item.sessionId, { list, item });
        this.versions.set(item.sessionId, Math.max(item.version, this.versions.get(item.sessionId) ?? 0));
      }
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
    }
  }

  list(list: AgentList): ListItem[] {
    return [...this.items.values()].filter((e) => e.list === list).map((e) => e.item);
  }

  ids(list: AgentList): string[] {
    return this.list(list).map((i) => i.sessionId).sort();
  }
}
