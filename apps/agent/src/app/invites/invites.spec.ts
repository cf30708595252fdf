import { TestBed } from '@angular/core/testing';
import type { InvitationView, SessionEventFrame } from '@switchboard/contracts';
import { historyEvent, listItem, signedInAgent, byTestId } from '../../testing/agent-test-bed';
import { settle } from '../../testing/fake-clock';
import { ChatPane } from '../chat/chat-pane';
import { InvitesList } from './invites-list';
import { InvitesStore } from './invites-store';

const invitation = (sessionId: string, note?: string): InvitationView => ({
  sessionId,
  queue: 'Network',
  endUserName: 'Erin User',
  invite: { agentId: 'alice', agentName: 'Alice Agent', fromAgentId: 'bob', fromAgentName: 'Bob Agent', at: '2026-11-30T10:00:00.000Z', ...(note ? { note } : {}) },
});

const joined = (sessionId: string) => ({
  session: {
    ...listItem(sessionId, { status: 'ASSIGNED', ownerAgentId: 'bob', version: 5, guests: [{ agentId: 'alice', agentName: 'Alice Agent', via: 'invite' as const, joinedAt: '2026-11-30T10:01:00.000Z' }] }),
    createdAt: '2026-11-30T09:00:00.000Z',
    history: [historyEvent(5, 'ParticipantJoined', { sessionId, agentId: 'alice', agentName: 'Alice Agent', via: 'invite' })],
    hasOlder: true,
  },
  customer: { endUserId: 'erin', company: { id: 'acme' }, assets: [], openTickets: [] },
  resources: { outages: [], responseTemplates: [], knowledgeArticles: [] },
  duplicate: false,
});

describe('invitations (issue 16) in the agent console', () => {
  jest.setTimeout(30_000);

  async function agent(waiting: InvitationView[] = []) {
    const signedIn = await signedInAgent();
    signedIn.fake.replies['invites'] = () => ({ invites: waiting });
    const store = TestBed.inject(InvitesStore);
    await store.load(signedIn.fake.asClient(), 'alice');
    const fixture = TestBed.createComponent(InvitesList);
    const { el, all } = byTestId(fixture);
    const shown = async () => {
      await settle();
      fixture.detectChanges();
      await fixture.whenStable();
    };
    await shown();
    return { ...signedIn, store, fixture, el, all, shown };
  }

  /** The gateway's frame of an invitation event on `sessionId`, the summary listing `invites` after it. */
  const frame = (sessionId: string, seq: number, event: Record<string, unknown>, invites: InvitationView['invite'][], notices: string[]): SessionEventFrame =>
    ({
      type: 'session.event',
      sessionId,
      seq,
      prevSeq: seq - 1,
      event: { seq, at: '2026-11-30T10:00:00.000Z', sessionId, ...event },
      session: { ...listItem(sessionId, { status: 'ASSIGNED', ownerAgentId: 'bob', version: seq }), ...(invites.length ? { invites } : {}) },
      notices: notices.map((code) => ({ code, text: code })),
    }) as SessionEventFrame;

  it('issue 16 the Invites tab lists the invitations waiting (invites.list) with who invites and the note', async () => {
    const { all, el } = await agent([invitation('s1', 'Knows the VPN?')]);
    expect(all('invite')).toHaveLength(1);
    expect(el('invite-from')?.textContent).toContain('Bob Agent');
    expect(el('invite-note')?.textContent).toContain('Knows the VPN?');
  });

  it('issue 16 an invitation pushed live appears; it goes when cancelled (the summary no longer lists it)', async () => {
    const { fake, all, shown, store } = await agent();
    expect(all('invite')).toHaveLength(0);
    const mine = invitation('s2', 'help please').invite;
    fake.emit('session.event', frame('s2', 4, { type: 'AgentInvited', agentId: 'alice', agentName: 'Alice Agent', fromAgentId: 'bob', fromAgentName: 'Bob Agent', note: 'help please' }, [mine], ['INVITED']));
    await shown();
    expect(all('invite')).toHaveLength(1);
    expect(store.count()).toBe(1);
    fake.emit('session.event', frame('s2', 5, { type: 'InviteEnded', agentId: 'alice', agentName: 'Alice Agent', reason: 'cancelled' }, [], ['INVITE_ENDED']));
    await shown();
    expect(all('invite')).toHaveLength(0);
  });

  it('issue 16 Accept joins the chat (it opens like an accepted chat); Decline answers the owner and removes the row', async () => {
    const { fake, el, all, shown, chats } = await agent([invitation('s1'), invitation('s3')]);
    fake.replies['acceptInvite'] = (sessionId: string) => joined(sessionId);
    fake.replies['declineInvite'] = (sessionId: string) => ({ sessionId, seq: 6, duplicate: false, events: [] });
    el('invite-accept')!.click();
    await shown();
    expect(fake.calls.filter(([m]) => m === 'acceptInvite').map(([, args]) => args)).toEqual([['s1']]);
    expect(chats.selectedId()).toBe('s1');
    expect(all('invite')).toHaveLength(1);
    el('invite-decline')!.click();
    await shown();
    expect(fake.calls.filter(([m]) => m === 'declineInvite').map(([, args]) => args)).toEqual([['s3']]);
    expect(all('invite')).toHaveLength(0);
  });

  it('issue 16 a refused answer is said in words in the tab and the invitation stays', async () => {
    const { fake, el, all, shown } = await agent([invitation('s1')]);
    fake.replies['acceptInvite'] = () => {
      throw Object.assign(new Error('No invitation into this chat waits for you.'), { code: 'INVITE_NOT_FOUND' });
    };
    el('invite-accept')!.click();
    await shown();
    expect(el('invite-error')?.textContent).toBeTruthy();
    expect(all('invite')).toHaveLength(1);
  });
});

describe('participants (issue 16) in the chat pane', () => {
  jest.setTimeout(30_000);

  async function pane(item: ReturnType<typeof listItem>) {
    const signedIn = await signedInAgent();
    const fixture = TestBed.createComponent(ChatPane);
    const { el, all } = byTestId(fixture);
    const shown = async () => {
      await settle();
      fixture.detectChanges();
      await fixture.whenStable();
    };
    // The chat's summary as resume reads it: the same participants as its list row.
    const resume = signedIn.fake.replies['resume'] as (id: string, after: number) => Record<string, unknown>;
    signedIn.fake.replies['resume'] = (id: string, after: number) => ({ ...resume(id, after), session: item });
    signedIn.showLists({ myChats: [item] });
    await signedIn.chats.select(item.sessionId);
    await shown();
    return { ...signedIn, fixture, el, all, shown };
  }

  it('issue 16 a participant sees the others in the header, writes to the end user or to the agents only, and can leave; the owner’s actions are not theirs', async () => {
    const guests = [{ agentId: 'alice', agentName: 'Alice Agent', via: 'invite' as const, joinedAt: '2026-11-30T10:01:00.000Z' }];
    const { el, all, fake, shown, drafts } = await pane(listItem('s1', { status: 'ASSIGNED', ownerAgentId: 'bob', guests }));
    expect(all('participant').map((e) => e.textContent?.trim())).toEqual([expect.stringContaining('Alice Agent')]);
    expect(el('participant-owner')?.textContent).toContain('(owner)');
    expect(el('chat-actions')).toBeNull();
    expect(el('invite')).toBeNull();
    expect(el('mode-side-note')).toBeNull();
    expect(el('attach')).toBeNull();
    expect(el('mode-consult')).not.toBeNull();

    fake.replies['consult'] = (sessionId: string, text: string) => ({ sessionId, seq: 6, duplicate: false, events: [historyEvent(6, 'ConsultAdded', { authorId: 'alice', authorName: 'Alice Agent', text })] });
    (el('mode-consult')!.querySelector('button') as HTMLButtonElement).click();
    await shown();
    drafts.setDraft('s1', 'Is it the firewall?');
    await shown();
    (el('send') as HTMLButtonElement).click();
    await shown();
    expect(fake.calls.filter(([m]) => m === 'consult').map(([, args]) => args)).toEqual([['s1', 'Is it the firewall?']]);

    fake.replies['leaveChat'] = (sessionId: string) => ({ sessionId, seq: 7, duplicate: false, events: [] });
    el('leave-chat')!.click();
    await shown();
    expect(fake.calls.filter(([m]) => m === 'leaveChat').map(([, args]) => args)).toEqual([['s1']]);
  });

  it('issue 16 the owner sees Invite, the participants and invitations with remove and cancel, and an agents-only mode once someone joined', async () => {
    const guests = [{ agentId: 'carol', agentName: 'Carol Agent', via: 'bargeIn' as const, joinedAt: '2026-11-30T10:01:00.000Z' }];
    const invites = [{ agentId: 'dave', agentName: 'Dave Agent', fromAgentId: 'alice', fromAgentName: 'Alice Agent', at: '2026-11-30T10:02:00.000Z' }];
    const { el, all, fake, shown } = await pane(listItem('s1', { status: 'ASSIGNED', ownerAgentId: 'alice', guests, invites }));
    expect(el('invite')).not.toBeNull();
    expect(el('chat-actions')).not.toBeNull();
    expect(el('leave-chat')).toBeNull();
    expect(el('mode-consult')).not.toBeNull();
    expect(all('participant').map((e) => e.textContent)).toEqual([expect.stringContaining('Carol Agent')]);
    expect(all('invited').map((e) => e.textContent)).toEqual([expect.stringContaining('Dave Agent (invited)')]);

    fake.replies['removeParticipant'] = (sessionId: string) => ({ sessionId, seq: 8, duplicate: false, events: [] });
    fake.replies['cancelInvite'] = (sessionId: string) => ({ sessionId, seq: 9, duplicate: false, events: [] });
    el('participant-remove')!.click();
    el('invite-cancel')!.click();
    await shown();
    expect(fake.calls.filter(([m]) => m === 'removeParticipant' || m === 'cancelInvite').map(([m, args]) => [m, ...(args as unknown[])])).toEqual([
      ['removeParticipant', 's1', 'carol'],
      ['cancelInvite', 's1', 'dave'],
    ]);
  });

  it('issue 16 without participants the owner’s composer has no agents-only mode', async () => {
    const { el } = await pane(listItem('s1', { status: 'ASSIGNED', ownerAgentId: 'alice' }));
    expect(el('mode-consult')).toBeNull();
    expect(el('participants')).toBeNull();
  });
});
