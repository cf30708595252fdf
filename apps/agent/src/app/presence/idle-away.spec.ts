import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatButtonToggleHarness } from '@angular/material/button-toggle/testing';
import { CommandError } from '@switchboard/client';
import { signedInAgent } from '../../testing/agent-test-bed';
import { FakeClock, settle } from '../../testing/fake-clock';
import { ConsolePage } from '../console/console-page';
import { CONSOLE_CLOCK } from '../shared/console-clock';
import { IDLE_RETRY_MS, IdleAway, SHARED_ACTIVITY_KEY } from './idle-away';
import { PresenceStore } from './presence-store';

describe('idle agents (issue 14): the console sets an idle Online agent Away', () => {
  let hidden = false;

  beforeEach(() => {
    hidden = false;
    localStorage.clear();
  });

  /** Signed in as Alice, Online, on a fake clock; `agentIdleMinutes` is what hello says (undefined: nothing). */
  async function agentAt(agentIdleMinutes: number | undefined) {
    const clock = new FakeClock();
    const agent = await signedInAgent([{ provide: CONSOLE_CLOCK, useValue: clock }], { agentIdleMinutes });
    const document = TestBed.inject(DOCUMENT);
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    agent.fake.replies['setPresence'] = (presence: string) => ({ presence });
    const presence = TestBed.inject(PresenceStore);
    const presenceCommands = () => agent.fake.calls.filter(([name]) => name === 'setPresence').map(([, args]) => args[0]);
    const input = (type = 'pointermove') => document.dispatchEvent(new Event(type));
    const setHidden = (value: boolean) => {
      hidden = value;
      document.dispatchEvent(new Event('visibilitychange'));
    };
    return { ...agent, clock, presence, presenceCommands, input, setHidden, idle: TestBed.inject(IdleAway) };
  }

  it('an agent without input for the set minutes is set Away through the presence command, and the console remembers why', async () => {
    const { clock, presence, presenceCommands } = await agentAt(5);
    await clock.advance(5 * 60_000 - 1);
    expect(presenceCommands()).toEqual([]);
    expect(presence.presence()).toBe('online');
    await clock.advance(1);
    expect(presenceCommands()).toEqual(['away']);
    expect(presence.presence()).toBe('away');
    expect(presence.awayAfterIdle()).toBe(5);
    // Away once: more idle time sends nothing more.
    await clock.advanceMinutes(60);
    expect(presenceCommands()).toEqual(['away']);
  });

  it('input (pointer, keys, focus) starts the countdown again', async () => {
    const { clock, presenceCommands, input } = await agentAt(5);
    await clock.advanceMinutes(4);
    input('pointermove');
    await clock.advanceMinutes(4);
    input('keydown');
    await clock.advanceMinutes(4);
    input('focusin');
    await clock.advanceMinutes(4);
    expect(presenceCommands()).toEqual([]);
    await clock.advanceMinutes(1);
    expect(presenceCommands()).toEqual(['away']);
  });

  it('a hidden console counts as idle: events while hidden do not count, coming back to it does', async () => {
    const { clock, presenceCommands, input, setHidden } = await agentAt(5);
    await clock.advanceMinutes(3);
    setHidden(true);
    await clock.advanceMinutes(1);
    input('pointermove');
    input('wheel');
    await clock.advanceMinutes(1);
    expect(presenceCommands()).toEqual(['away']);

    const back = await agentAtAgain(5);
    await back.clock.advanceMinutes(1);
    back.setHidden(true);
    await back.clock.advanceMinutes(3);
    back.setHidden(false);
    await back.clock.advanceMinutes(4);
    expect(back.presenceCommands()).toEqual([]);
    await back.clock.advanceMinutes(1);
    expect(back.presenceCommands()).toEqual(['away']);
  });

  it('is off when the setting is 0 or absent; a change of the setting (agent.settings) applies at once', async () => {
    const off = await agentAt(undefined);
    await off.clock.advanceMinutes(600);
    expect(off.presenceCommands()).toEqual([]);
    expect(off.clock.pending).toBe(0);

    const { clock, fake, presenceCommands } = await agentAtAgain(0);
    await clock.advanceMinutes(600);
    expect(presenceCommands()).toEqual([]);
    // Turned on at 10 minutes: the agent has been idle for longer already.
    fake.emit('agent.settings', { type: 'agent.settings', settings: { agentIdleMinutes: 10 } });
    await clock.advance(0);
    expect(presenceCommands()).toEqual(['away']);
  });

  it('an Away the agent chose, or Offline, is never changed', async () => {
    const { clock, presence, presenceCommands } = await agentAt(5);
    await presence.set('away');
    await clock.advanceMinutes(60);
    expect(presenceCommands()).toEqual(['away']);
    expect(presence.awayAfterIdle()).toBeUndefined();

    const offline = await agentAtAgain(5);
    offline.presence.presence.set('offline');
    await offline.clock.advanceMinutes(60);
    expect(offline.presenceCommands()).toEqual([]);
  });

  it('never goes back Online by itself, whatever the agent does; turning the setting off leaves the Away', async () => {
    const { clock, fake, presence, presenceCommands, input } = await agentAt(5);
    await clock.advanceMinutes(5);
    input('pointerdown');
    input('keydown');
    await clock.advanceMinutes(30);
    fake.emit('agent.settings', { type: 'agent.settings', settings: { agentIdleMinutes: 0 } });
    await clock.advanceMinutes(30);
    expect(presenceCommands()).toEqual(['away']);
    expect(presence.presence()).toBe('away');
  });

  it('a refused Away (no connection) is tried again later; the agent stays Online meanwhile', async () => {
    const { clock, fake, presence, presenceCommands } = await agentAt(5);
    fake.replies['setPresence'] = () => new CommandError('UNAVAILABLE', 'Not connected.');
    await clock.advanceMinutes(5);
    expect(presence.presence()).toBe('online');
    expect(presence.awayAfterIdle()).toBeUndefined();
    fake.replies['setPresence'] = (p: string) => ({ presence: p });
    await clock.advance(IDLE_RETRY_MS);
    expect(presenceCommands()).toEqual(['away', 'away']);
    expect(presence.awayAfterIdle()).toBe(5);
  });

  it('activity in another console tab of this browser keeps a hidden one from setting the agent Away', async () => {
    const { clock, presenceCommands, setHidden } = await agentAt(5);
    setHidden(true);
    await clock.advanceMinutes(4);
    localStorage.setItem(SHARED_ACTIVITY_KEY, String(clock.now()));
    await clock.advanceMinutes(4);
    expect(presenceCommands()).toEqual([]);
    await clock.advanceMinutes(1);
    expect(presenceCommands()).toEqual(['away']);
  });

  it('signing out stops the watch', async () => {
    const { clock, connection, presenceCommands } = await agentAt(5);
    connection.signOut();
    await settle();
    await clock.advanceMinutes(60);
    expect(presenceCommands()).toEqual([]);
  });

  it('back at the console, the agent reads why they are Away and goes online with one click', async () => {
    const { clock, presence, presenceCommands, input } = await agentAt(1);
    const fixture = TestBed.createComponent(ConsolePage);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const notice = () => fixture.nativeElement.querySelector('[data-testid="idle-notice"]') as HTMLElement | null;
    await fixture.whenStable();
    expect(notice()).toBeNull();

    await clock.advanceMinutes(1);
    input('pointermove');
    await fixture.whenStable();
    expect(notice()?.textContent).toContain('You were set to Away after 1 minute without activity.');
    const away = await loader.getHarness(MatButtonToggleHarness.with({ selector: '[data-testid="presence-away"]' }));
    expect(await away.isChecked()).toBe(true);

    await (await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid="idle-go-online"]' }))).click();
    await fixture.whenStable();
    expect(presenceCommands()).toEqual(['away', 'online']);
    expect(presence.presence()).toBe('online');
    expect(notice()).toBeNull();
  });

  it('the notice goes when the agent picks a presence in the top bar, and says the minutes', async () => {
    const { clock, presence } = await agentAt(15);
    const fixture = TestBed.createComponent(ConsolePage);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await clock.advanceMinutes(15);
    await fixture.whenStable();
    const notice = () => fixture.nativeElement.querySelector('[data-testid="idle-notice"]') as HTMLElement | null;
    expect(notice()?.textContent).toContain('after 15 minutes without activity');
    await (await loader.getHarness(MatButtonToggleHarness.with({ selector: '[data-testid="presence-online"]' }))).check();
    await fixture.whenStable();
    expect(presence.presence()).toBe('online');
    expect(notice()).toBeNull();
  });

  /** A second agent in the same test: a fresh testing module. */
  async function agentAtAgain(minutes: number | undefined) {
    TestBed.resetTestingModule();
    hidden = false;
    localStorage.clear();
    return agentAt(minutes);
  }
});
