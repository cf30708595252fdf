import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { CommandError, describeFailure } from '@switchboard/client';
import type { SessionEventFrame } from '@switchboard/contracts';
import { hello } from '@switchboard/chat-ui/testing';
import { listItem, signedInAgent } from '../../testing/agent-test-bed';
import { FakeClock, settle } from '../../testing/fake-clock';
import { ConsolePage } from '../console/console-page';
import { PresenceStore } from '../presence/presence-store';
import { AgentSocket } from '../session/agent-socket';
import { CONSOLE_CLOCK } from '../shared/console-clock';
import { WrapUpStore } from './wrap-up-store';

describe('wrap-up (issue 14) in the agent console', () => {
  // The first test renders the console for the first time (slow on a busy machine).
  jest.setTimeout(120_000);

  /** Alice, signed in on a fake clock, with chat s1 in My Chats; the gateway answers End Chat and Abandon with a wrap-up of `seconds`. */
  async function agent({ seconds = 5, required = false }: { seconds?: number; required?: boolean } = {}) {
    const clock = new FakeClock();
    const signedIn = await signedInAgent([{ provide: CONSOLE_CLOCK, useValue: clock }]);
    const { fake, showLists } = signedIn;
    showLists({ myChats: [listItem('s1', { status: 'ASSIGNED', ownerAgentId: 'alice', version: 3 })] });
    const now = () => new Date(clock.now()).toISOString();
    const wrapUp = () => ({ wrapUpUntil: new Date(clock.now() + seconds * 1000).toISOString(), dispositionRequired: required });
    const closed = () => ({ seq: 4, at: now(), sessionId: 's1', type: 'SessionClosed', reason: 'agentEnded', previousStatus: 'ASSIGNED', agentId: 'alice', queue: 'Network', ...wrapUp() });
    fake.replies['end'] = (sessionId: string) => ({ sessionId, seq: 4, duplicate: false, events: [closed()] });
    fake.replies['abandon'] = (sessionId: string) => ({ sessionId, seq: 4, duplicate: false, events: [{ seq: 4, at: now(), sessionId, type: 'SessionAbandoned', agentId: 'alice', agentName: 'Alice Agent', ...wrapUp() }] });
    fake.replies['dispositionCodes'] = () => ['Resolved', 'Escalated', 'No answer'];
    fake.replies['recordDisposition'] = (sessionId: string) => ({ sessionId, seq: 5, duplicate: false, events: [] });
    /** The gateway's frame of an event on chat s1 pushed to Alice's sockets. */
    const frame = (seq: number, event: Record<string, unknown>): SessionEventFrame =>
      ({
        type: 'session.event',
        sessionId: 's1',
        seq,
        prevSeq: seq - 1,
        event: { seq, at: now(), sessionId: 's1', ...event },
        session: { ...listItem('s1', { status: 'CLOSED' }), version: seq },
        notices: [],
      }) as unknown as SessionEventFrame;
    const fixture = TestBed.createComponent(ConsolePage);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const el = (testId: string) => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null;
    const button = (testId: string) => loader.getHarness(MatButtonHarness.with({ selector: `[data-testid="${testId}"]` }));
    const codes = () => loader.getHarness(MatRadioGroupHarness.with({ selector: '[data-testid="wrap-up-codes"]' }));
    const shown = async () => {
      await settle();
      await fixture.whenStable();
    };
    await shown();
    return { ...signedIn, clock, closed, frame, fixture, el, button, codes, shown, store: TestBed.inject(WrapUpStore) };
  }

  it('after End Chat the panel counts down the wrap-up each second, offers the codes, says when new chats come, and goes when the time is up', async () => {
    const { commands, el, codes, clock, shown, store } = await agent({ seconds: 5 });
    await commands.end('s1');
    await shown();
    expect(el('wrap-up-panel')?.textContent).toContain('Erin User');
    expect(el('wrap-up-countdown')?.textContent).toContain('5 seconds of wrap-up left');
    expect(el('wrap-up-next')?.textContent?.trim()).toBe('You get new chats again when the wrap-up ends.');
    expect(el('wrap-up-required')).toBeNull();
    expect(await Promise.all((await (await codes()).getRadioButtons()).map((r) => r.getLabelText()))).toEqual(['Resolved', 'Escalated', 'No answer']);
    await clock.advance(1000);
    await shown();
    expect(el('wrap-up-countdown')?.textContent).toContain('4 seconds of wrap-up left');
    await clock.advance(3000);
    await shown();
    expect(el('wrap-up-countdown')?.textContent).toContain('1 second of wrap-up left');
    await clock.advance(1000);
    await shown();
    expect(el('wrap-up-panel')).toBeNull();
    expect(store.current()).toBeUndefined();
    expect(clock.pending).toBe(0);
  });

  it('with a disposition required (after Abandon) the panel says so and stays past the time until Done records the code picked', async () => {
    const { commands, el, codes, button, clock, shown, fake } = await agent({ seconds: 5, required: true });
    await commands.abandon('s1');
    await shown();
    expect(el('wrap-up-required')?.textContent).toContain('Disposition required');
    expect(el('wrap-up-next')?.textContent?.trim()).toBe('You get new chats again when you record the disposition.');
    const done = await button('wrap-up-done');
    expect(await done.isDisabled()).toBe(true);
    await clock.advance(60_000);
    await shown();
    expect(el('wrap-up-panel')).not.toBeNull();
    expect(el('wrap-up-countdown')).toBeNull();
    await (await codes()).checkRadioButton({ label: 'Escalated' });
    await done.click();
    await shown();
    expect(fake.calls.filter(([name]) => name === 'recordDisposition')).toEqual([['recordDisposition', ['s1', 'Escalated']]]);
    expect(el('wrap-up-panel')).toBeNull();
  });

  it('Done before the time is up ends a wrap-up that does not require a code too', async () => {
    const { commands, codes, button, shown, el, clock } = await agent({ seconds: 60 });
    await commands.end('s1');
    await shown();
    await (await codes()).checkRadioButton({ label: 'Resolved' });
    await (await button('wrap-up-done')).click();
    await shown();
    expect(el('wrap-up-panel')).toBeNull();
    expect(clock.pending).toBe(0);
  });

  it('a refused Done is said in words in the panel, which stays', async () => {
    const { commands, codes, button, shown, el, fake } = await agent({ required: true });
    const refusal = new CommandError('DISPOSITION_NOT_OPEN', 'The disposition of this chat is already recorded: Resolved.');
    fake.replies['recordDisposition'] = () => refusal;
    await commands.end('s1');
    await shown();
    await (await codes()).checkRadioButton({ label: 'Resolved' });
    await (await button('wrap-up-done')).click();
    await shown();
    expect(el('wrap-up-panel')?.querySelector('[role="alert"]')?.textContent?.trim()).toBe(describeFailure(refusal));
    expect(el('wrap-up-panel')).not.toBeNull();
  });

  it('an end without a wrap-up (its queue has none) shows no panel', async () => {
    const { commands, fake, shown, el, closed } = await agent();
    const { wrapUpUntil: _until, dispositionRequired: _required, ...plain } = closed();
    fake.replies['end'] = (sessionId: string) => ({ sessionId, seq: 4, duplicate: false, events: [plain] });
    await commands.end('s1');
    await shown();
    expect(el('wrap-up-panel')).toBeNull();
  });

  it('the end pushed to another tab of the same agent starts the wrap-up there; the answer and the push start it once; DispositionRecorded from elsewhere ends it', async () => {
    const { fake, frame, closed, commands, store, clock } = await agent({ seconds: 30, required: true });
    fake.emit('hello', hello('alice', 'agent', 'Alice Agent'));
    fake.emit('session.event', frame(4, { ...closed(), agentId: 'bob' }));
    expect(store.current()).toBeUndefined();
    const ended = closed();
    fake.emit('session.event', frame(4, ended));
    const started = store.current();
    expect(started).toMatchObject({ sessionId: 's1', required: true });
    await clock.advance(2000);
    fake.replies['end'] = (sessionId: string) => ({ sessionId, seq: 4, duplicate: false, events: [ended] });
    await commands.end('s1');
    expect(store.current()).toBe(started);
    fake.emit('session.event', frame(5, { type: 'DispositionRecorded', agentId: 'alice', code: 'Resolved' }));
    expect(store.current()).toBeUndefined();
    expect(clock.pending).toBe(0);
  });

  it('the countdown runs on the time the gateway gave, whatever the browser clock says', async () => {
    const { fake, frame, closed, store, clock } = await agent();
    fake.emit('hello', hello('alice', 'agent', 'Alice Agent'));
    // The gateway's clock is an hour behind: at 07:00:00 it gave until 07:00:20.
    fake.emit('session.event', frame(4, { ...closed(), at: '2026-11-30T07:00:00.000Z', wrapUpUntil: '2026-11-30T07:00:20.000Z' }));
    expect(store.secondsLeft(store.current()!)).toBe(20);
    await clock.advance(5000);
    expect(store.secondsLeft(store.current()!)).toBe(15);
  });
  it('a wrap-up the gateway still holds when the console connects (a reload) is shown again with the time it has left; one already shown keeps its countdown', async () => {
    const { fake, shown, el, clock, store } = await agent();
    const load = () => TestBed.inject(PresenceStore).load(TestBed.inject(AgentSocket).need());
    fake.replies['presence'] = () => ({ presence: 'online', wrapUp: { sessionId: 's1', until: '2026-11-30T08:00:09.000Z', dispositionRequired: true, secondsLeft: 9 } });
    await load();
    await shown();
    expect(el('wrap-up-required')?.textContent).toContain('Disposition required');
    expect(el('wrap-up-countdown')?.textContent).toContain('9 seconds of wrap-up left');
    await clock.advance(3000);
    await load();
    expect(store.secondsLeft(store.current()!)).toBe(6);
    // Only a required disposition holds it past its time; a finished one is not shown.
    store.clear();
    fake.replies['presence'] = () => ({ presence: 'online', wrapUp: { sessionId: 's2', until: '2026-11-30T08:00:00.000Z', dispositionRequired: false, secondsLeft: 0 } });
    await load();
    expect(store.current()).toBeUndefined();
  });
});
