import { computed, inject, Injectable, signal } from '@angular/core';
import { AgentListsModel, type SwitchboardClient } from '@switchboard/client';
import type { AgentList, ListItem } from '@switchboard/contracts';
import { AgentAlerts } from '../alerts/agent-alerts';

/**
 * The three live lists (R2, R3.1, R5.1): Queue, Transferred and My Chats as
 * the gateway's snapshots and changes say, with an alert for each chat that
 * newly waits or is transferred to the agent; and the topics' names.
 */
@Injectable({ providedIn: 'root' })
export class ListsStore {
  private readonly alerts = inject(AgentAlerts);
  private readonly model = new AgentListsModel();
  /** Bumped whenever the model changes: the model is not a signal. */
  private readonly version = signal(0);
  readonly topicNames = signal<Record<string, string>>({});

  // Issue 15: the Queue tab in the order chats are served: higher priority first, then longest wait.
  readonly queue = computed(() => (this.version(), sortByPriority(sortByAge(this.model.list('queue')))));
  readonly transferred = computed(() => (this.version(), sortByAge(this.model.list('transferred'))));
  readonly myChats = computed(() => (this.version(), sortByAge(this.model.list('myChats'))));
  /** Rows of each list the last snapshot left out (the gateway sends at most the first rows of a long list). */
  readonly more = computed(() => (this.version(), { queue: this.model.more('queue'), transferred: this.model.more('transferred'), myChats: this.model.more('myChats') }));

  /** Which list a chat is in for this agent (none: history only). */
  listOf(sessionId: string): AgentList | undefined {
    if (this.myChats().some((i) => i.sessionId === sessionId)) return 'myChats';
    if (this.transferred().some((i) => i.sessionId === sessionId)) return 'transferred';
    if (this.queue().some((i) => i.sessionId === sessionId)) return 'queue';
    return undefined;
  }

  itemOf(sessionId: string): ListItem | undefined {
    return [...this.myChats(), ...this.transferred(), ...this.queue()].find((i) => i.sessionId === sessionId);
  }

  topicName(topic: string | undefined): string | undefined {
    return topic ? (this.topicNames()[topic] ?? topic) : undefined;
  }

  /** Follows a new connection's list frames. */
  follow(client: SwitchboardClient): void {
    client.on('lists.snapshot', (snapshot) => {
      this.model.applySnapshot(snapshot);
      this.version.update((v) => v + 1);
    });
    client.on('lists.changed', ({ changes }) => {
      const before = new Set([...this.model.ids('queue'), ...this.model.ids('transferred')]);
      this.model.apply(changes);
      this.version.update((v) => v + 1);
      for (const change of changes) {
        if (change.op !== 'upsert' || before.has(change.item.sessionId)) continue;
        const who = change.item.endUserName ?? change.item.endUserId;
        if (change.list === 'queue') this.alerts.raise({ kind: 'newChat', text: `New chat from ${who}: ${change.item.description ?? ''}`.trim(), sessionId: change.item.sessionId });
        if (change.list === 'transferred') this.alerts.raise({ kind: 'transfer', text: `A chat from ${who} was transferred to you`, sessionId: change.item.sessionId });
      }
    });
  }

  async loadTopics(client: SwitchboardClient): Promise<void> {
    const { topics } = await client.topics();
    this.topicNames.set(Object.fromEntries(topics.map((t) => [t.id, t.name])));
  }

  clear(): void {
    this.model.applySnapshot({ queue: [], transferred: [], myChats: [] });
    this.version.update((v) => v + 1);
  }
}

function sortByPriority(items: ListItem[]): ListItem[] {
  return [...items].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
}

function sortByAge(items: ListItem[]): ListItem[] {
  return [...items].sort((a, b) => (a.queuedAt ?? a.createdAt ?? '').localeCompare(b.queuedAt ?? b.createdAt ?? ''));
}
