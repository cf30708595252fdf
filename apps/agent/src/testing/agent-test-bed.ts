import type { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ListItem, SessionEventView } from '@switchboard/contracts';
import { FakeClient, FakeGateway, hello } from '@switchboard/chat-ui/testing';
import { AgentAlerts, type Alert } from '../app/alerts/agent-alerts';
import { ChatCommands } from '../app/chat/chat-commands';
import { ChatsStore } from '../app/chat/chats-store';
import { DraftsStore } from '../app/chat/drafts-store';
import { ListsStore } from '../app/lists/lists-store';
import { AgentConnection } from '../app/session/agent-connection';
import { AGENT_SESSION, CLIENT_FACTORY, CONSOLE_SESSION } from '../app/session/client-factory';

/** A list row as the gateway sends it: chat `sessionId` of Erin User, waiting in Network. */
export const listItem = (sessionId: string, fields: Partial<ListItem> = {}): ListItem => ({
  sessionId,
  version: 1,
  status: 'QUEUED',
  queue: 'Network',
  companyId: 'acme',
  endUserId: 'erin',
  endUserName: 'Erin User',
  description: 'VPN drops',
  cancelledByUser: false,
  userLeft: false,
  ...fields,
});

/** A history event of chat s1. */
export const historyEvent = (seq: number, type: string, fields: Record<string, unknown> = {}): SessionEventView => ({
  seq,
  type,
  at: '2026-11-24T10:00:00.000Z',
  sessionId: 's1',
  ...fields,
});

/** The lists of a snapshot: chats in Queue / Transferred / My Chats. */
export type Lists = Partial<Record<'queue' | 'transferred' | 'myChats', ListItem[]>>;

/**
 * The agent console's stores for component and store tests, signed in as
 * Alice Agent on a fake client: `fake.replies` answers its commands (chat s1
 * with two events by default), `showLists` puts chats in Queue / Transferred /
 * My Chats, `alerts` collects every alert raised; `providers` go into the
 * testing module too (a dialog's data and ref); `agentIdleMinutes`: the
 * setting the hello carries (none: an older gateway's hello, off).
 */
export async function signedInAgent(providers: Provider[] = [], { agentIdleMinutes }: { agentIdleMinutes?: number } = {}) {
  const gateway = new FakeGateway().signedIn({ id: 'alice', role: 'agent', name: 'Alice Agent' });
  const fake = new FakeClient();
  fake.replies = {
    connect: () => ({ ...hello('alice', 'agent', 'Alice Agent'), ...(agentIdleMinutes === undefined ? {} : { agentSettings: { agentIdleMinutes } }) }),
    presence: () => ({ presence: 'online' }),
    topics: () => ({ useTopics: true, topics: [{ id: 'vpn', name: 'VPN' }] }),
    resume: (id: string, after: number) => ({
      session: listItem(id),
      events: [
        historyEvent(1, 'SessionStarted', { description: 'VPN drops', endUserName: 'Erin User', queue: 'Network' }),
        historyEvent(2, 'MessagePosted', { from: 'endUser', authorName: 'Erin User', text: 'The VPN drops every hour' }),
      ].filter((e) => e.seq > after),
      hasOlder: false,
      lastSeq: 2,
    }),
    customerInfo: () => ({ endUserId: 'erin', company: { id: 'acme' }, assets: [], openTickets: [] }),
    resources: () => ({ outages: [], responseTemplates: [], knowledgeArticles: [] }),
  };
  TestBed.configureTestingModule({
    providers: [
      { provide: CLIENT_FACTORY, useValue: () => fake.asClient() },
      { provide: CONSOLE_SESSION, useFactory: () => gateway.session(AGENT_SESSION) },
      ...providers,
    ],
  });
  const alerts: Alert[] = [];
  TestBed.inject(AgentAlerts).on((alert) => alerts.push(alert));
  const connection = TestBed.inject(AgentConnection);
  await connection.restore();
  const showLists = ({ queue = [], transferred = [], myChats = [] }: Lists) =>
    fake.emit('lists.snapshot', {
      type: 'lists.snapshot',
      queue,
      transferred,
      myChats,
      totals: { queue: queue.length, transferred: transferred.length, myChats: myChats.length },
      truncated: false,
    });
  return {
    fake,
    showLists,
    alerts,
    connection,
    lists: TestBed.inject(ListsStore),
    chats: TestBed.inject(ChatsStore),
    drafts: TestBed.inject(DraftsStore),
    commands: TestBed.inject(ChatCommands),
  };
}

/** A fixture's elements by `data-testid`: the first (`el`) or all of them (`all`). */
export function byTestId(fixture: { nativeElement: HTMLElement }) {
  return {
    el: (testId: string) => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null,
    all: (testId: string) => [...fixture.nativeElement.querySelectorAll(`[data-testid="${testId}"]`)] as HTMLElement[],
  };
}
