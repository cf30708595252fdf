import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { CommandError } from '@switchboard/client';
import type { ListItem, SessionEventFrame } from '@switchboard/contracts';
import { hello } from '@switchboard/chat-ui/testing';
import { historyEvent, listItem, signedInAgent } from '../../testing/agent-test-bed';
import { FakeClock, settle } from '../../testing/fake-clock';
import { ConsolePage } from '../console/console-page';
import { PresenceStore } from '../presence/presence-store';
import { CONSOLE_CLOCK } from '../shared/console-clock';
import { OffersStore } from './offers-store';

describe('offers (issue 14) in the agent console', () => {
  // The first test renders the console for the first time (slow on a busy machine).
  jest.setTimeout(30_000);

  /** Alice, signed in on a fake clock; the gateway answers the offer commands. */
  async function agent() {
    const clock = new FakeClock();
    const signedIn = await signedInAgent([{ provide: CONSOLE_CLOCK, useValue: clock }]);
    const { fake } = signedIn;
    fake.replies['declineReasons'] = () => ['In a call', 'Wrong skills'];
    fake.replies['setPresence'] = (presence: string) => ({ presence });
    fake.replies['acceptOffer'] = (sessionId: string) => ({
      session: { ...listItem(sessionId, { status: 'ASSIGNED', ownerAgentId: 'alice', version: 3 }), createdAt: '2026-11-30T08:00:00.000Z', history: [historyEvent(3, 'SessionAssigned', { sessionId, agentId: 'alice', agentName: 'Alice Agent', via: 'offer' })], hasOlder: true },
      customer: { endUserId: 'erin', company: { id: 'acme' }, assets: [], openTickets: [] },
      resources: { outages: [], responseTemplates: [], knowledgeArticles: [] },
      duplicate: false,
    });
    fake.replies['declineOffer'] = (sessionId: string) => ({ sessionId, seq: 4, duplicate: false, events: [] });
    const now = () => new Date(clock.now()).toISOString();
    /** The gateway's frame of an event on chat `sessionId`, with the summary's offer as it stands after it. */
    const frame = (sessionId: string, seq: number, event: Record<string, unknown>, offer: { agentId: string; agentName: string; expiresAt: string } | undefined, notices: string[]): SessionEventFrame =>
      ({
        type: 'session.event',
        sessionId,
        seq,
        prevSeq: seq - 1,
        event: { seq, at: now(), sessionId, ...event },
        session: { ...listItem(sessionId), version: seq, ...(offer ? { offer } : {}) },
        notices: notices.map((code) => ({ code, text: code })),
      }) as SessionEventFrame;
    /** An offer of `sessionId` to Alice for `seconds`, as the gateway pushes it. */
    const offer = (sessionId: string, seconds: number, seq = 2) => {
      const expiresAt = new Date(clock.now() + seconds * 1000).toISOString();
      const mine = { agentId: 'alice', agentName: 'Alice Agent', expiresAt };
      fake.emit('session.event', frame(sessionId, seq, { type: 'ChatOffered', ...mine }, mine, ['CHAT_OFFERED']));
      return mine;
    };
    const fixture = TestBed.createComponent(ConsolePage);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const el = (testId: string) => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null;
    const button = (testId: string) => loader.getHarness(MatButtonHarness.with({ selector: `[data-testid="${testId}"]` }));
    const shown = async () => {
      await settle();
      await fixture.whenStable();
    };
    await shown();
    return { ...signedIn, clock, offer, frame, fixture, loader, el, button, shown, store: TestBed.inject(OffersStore), presence: TestBed.inject(PresenceStore) };
  }

  it('an offer shows who waits and counts down to its deadline each second; when the time is up the card goes', async () => {
    const { offer, el, clock, shown, store, showLists } = await agent();
    showLists({ queue: [listItem('s1')] });
    offer('s1', 30);
    await shown();
    expect(el('offer-card')?.textContent).toContain('Erin User');
    expect(el('offer-card')?.textContent).toContain('VPN drops');
    expect(el('offer-countdown')?.textContent).toContain('30 seconds left');
    await clock.advance(1000);
    await shown();
    expect(el('offer-countdown')?.textContent).toContain('29 seconds left');
    await clock.advance(28_000);
    await shown();
    expect(el('offer-countdown')?.textContent).toContain('1 second left');
    await clock.advance(1000);
    await shown();
    expect(el('offer-card')).toBeNull();
    expect(store.offers()).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('the countdown runs on the time the gateway gave, whatever the browser clock says', async () => {
    const { fake, frame, clock, store } = await agent();
    // The gateway's clock is an hour behind: at 07:00:00 it gave until 07:00:20.
    const expiresAt = '2026-11-30T07:00:20.000Z';
    const mine = { agentId: 'alice', agentName: 'Alice Agent', expiresAt };
    const offered = frame('s1', 2, { type: 'ChatOffered', ...mine }, mine, ['CHAT_OFFERED']);
    fake.emit('session.event', { ...offered, event: { ...offered.event, at: '2026-11-30T07:00:00.000Z' } });
    expect(store.secondsLeft(store.current()!)).toBe(20);
    await clock.advance(5000);
    expect(store.secondsLeft(store.current()!)).toBe(15);
  });

  it('Accept takes the chat through session.acceptOffer and opens it as an accepted chat', async () => {
    const { offer, button, shown, fake, chats, el } = await agent();
    offer('s1', 30);
    await shown();
    await (await button('offer-accept')).click();
    await shown();
    expect(fake.calls.filter(([name]) => name === 'acceptOffer')).toEqual([['acceptOffer', ['s1']]]);
    expect(el('offer-card')).toBeNull();
    expect(chats.selectedId()).toBe('s1');
    expect(chats.selected()?.customer?.endUserId).toBe('erin');
  });

  it('Decline asks for one of the administrator reasons and sends it', async () => {
    const { offer, button, shown, fake, loader, el } = await agent();
    offer('s1', 30);
    await shown();
    await (await button('offer-decline')).click();
    await shown();
    const confirm = await button('offer-decline-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    const reasons = await loader.getHarness(MatRadioGroupHarness.with({ selector: '[data-testid="offer-reasons"]' }));
    expect(await Promise.all((await reasons.getRadioButtons()).map((r) => r.getLabelText()))).toEqual(['In a call', 'Wrong skills']);
    await reasons.checkRadioButton({ label: 'Wrong skills' });
    await confirm.click();
    await shown();
    expect(fake.calls.filter(([name]) => name === 'declineOffer')).toEqual([['declineOffer', ['s1', 'Wrong skills']]]);
    expect(el('offer-card')).toBeNull();
  });

  it('a refused Accept (the offer lapsed meanwhile) is said in words in the card', async () => {
    const { offer, button, shown, fake, el } = await agent();
    fake.replies['acceptOffer'] = () => new CommandError('OFFER_NOT_FOUND', 'No offer of this chat waits for you.');
    offer('s1', 30);
    await shown();
    await (await button('offer-accept')).click();
    await shown();
    expect(el('offer-card')?.querySelector('[role="alert"]')?.textContent?.trim()).toBeTruthy();
  });

  it('an offer withdrawn by the gateway goes (OFFER_WITHDRAWN), and so does one whose chat no longer names it (taken from the queue, cancelled)', async () => {
    const { offer, frame, fake, store } = await agent();
    offer('s1', 30);
    offer('s2', 30);
    fake.emit('session.event', frame('s1', 3, { type: 'OfferDeclined', agentId: 'alice', agentName: 'Alice Agent', reason: 'In a call' }, undefined, ['OFFER_WITHDRAWN']));
    expect(store.offers().map((o) => o.sessionId)).toEqual(['s2']);
    fake.emit('session.event', frame('s2', 3, { type: 'SessionCancelled' }, undefined, []));
    expect(store.offers()).toEqual([]);
  });

  it('an offer to another agent seen in the Queue preview is not shown', async () => {
    const { fake, frame, store } = await agent();
    const bobs = { agentId: 'bob', agentName: 'Bob', expiresAt: '2026-11-30T08:00:30.000Z' };
    fake.emit('session.event', frame('s1', 2, { type: 'ChatOffered', ...bobs }, bobs, []));
    expect(store.offers()).toEqual([]);
  });

  it('a lapse makes the agent Not responding: the top bar says it, a banner says why, and "I\'m back" sets presence online', async () => {
    const { offer, frame, fake, shown, el, button, presence } = await agent();
    offer('s1', 3);
    fake.replies['presence'] = () => ({ presence: 'notResponding' });
    fake.emit('session.event', frame('s1', 3, { type: 'OfferLapsed', agentId: 'alice', agentName: 'Alice Agent' }, undefined, ['OFFER_WITHDRAWN']));
    await shown();
    expect(presence.presence()).toBe('notResponding');
    expect(el('offer-card')).toBeNull();
    expect(el('presence-not-responding')?.textContent).toContain('Not responding');
    expect(el('not-responding-notice')?.textContent).toContain('You did not answer an offer in time; you get no new chats until you are back.');
    await (await button('not-responding-back')).click();
    await shown();
    expect(fake.calls.filter(([name]) => name === 'setPresence')).toEqual([['setPresence', ['online']]]);
    expect(presence.presence()).toBe('online');
    expect(el('not-responding-notice')).toBeNull();
    expect(el('presence-not-responding')).toBeNull();
  });

  /** presence.get's offer of `sessionId` to Alice, `leftMs` by the gateway's clock (whose own time is an hour behind the browser's). */
  const waiting = (sessionId: string, leftMs: number, fields: Partial<ListItem> = {}) => ({
    sessionId,
    expiresAt: new Date(Date.parse('2026-11-30T07:00:00.000Z') + leftMs).toISOString(),
    leftMs,
    session: listItem(sessionId, { version: 2, endUserName: 'Erin User', description: 'VPN drops', ...fields }),
  });

  it('a console that connects while a chat is offered (a reload) shows the card again, counted down from the time the gateway says is left', async () => {
    const { fake, connection, shown, el, clock, store } = await agent();
    fake.replies['presence'] = () => ({ presence: 'online', offers: [waiting('s1', 9_500, { endUserName: 'Frank Field', description: 'Printer jams' })] });
    await connection.restore();
    await shown();
    // The lists do not hold the chat: the card names it from the reply's row.
    expect(el('offer-card')?.textContent).toContain('Frank Field');
    expect(el('offer-card')?.textContent).toContain('Printer jams');
    expect(el('offer-countdown')?.textContent).toContain('10 seconds left');
    await clock.advance(500);
    await shown();
    expect(el('offer-countdown')?.textContent).toContain('9 seconds left');
    expect(fake.calls.filter(([name]) => name === 'declineReasons')).toHaveLength(1);
    await clock.advance(9_000);
    await shown();
    expect(el('offer-card')).toBeNull();
    expect(store.offers()).toEqual([]);
  });

  it('a reconnect reads the offers again: new ones are shown the soonest due first, one already shown keeps its countdown', async () => {
    const { fake, offer, clock, store } = await agent();
    const first = offer('s1', 30);
    await clock.advance(10_000);
    // The gateway still holds s1 (its reply, 2 s older by its clock, does not move the deadline) and offered s2 while the socket was down.
    fake.replies['presence'] = () => ({ presence: 'online', offers: [waiting('s2', 5_000), { ...waiting('s1', 22_000), expiresAt: first.expiresAt }] });
    fake.emit('disconnected', { code: 1006, reason: '', willReconnect: true });
    fake.emit('hello', hello('alice', 'agent', 'Alice Agent'));
    await settle();
    expect(fake.calls.filter(([name]) => name === 'presence')).toHaveLength(2);
    expect(store.offers().map((o) => [o.sessionId, store.secondsLeft(o)])).toEqual([['s2', 5], ['s1', 20]]);
  });

  it('no offer in the reply, or none with time left, shows nothing', async () => {
    const { store } = await agent();
    store.restore(undefined);
    store.restore([]);
    store.restore([waiting('s3', 0)]);
    expect(store.offers()).toEqual([]);
  });
});
