import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DesktopAlerts, NOTIFICATION_API, type NotificationApi } from './desktop-alerts';

/** Records the notifications the browser would show. */
function fakeApi(permission: NotificationPermission) {
  const shown: Array<{ title: string; options?: NotificationOptions; onclick: (() => void) | null; closed: boolean }> = [];
  const api = class {
    static permission = permission;
    static requestPermission = jest.fn(async () => 'granted' as NotificationPermission);
    onclick: (() => void) | null = null;
    closed = false;
    constructor(title: string, options?: NotificationOptions) {
      shown.push(Object.assign(this, { title, options }) as never);
    }
    close() {
      this.closed = true;
    }
  };
  return { api: api as unknown as NotificationApi & { requestPermission: jest.Mock }, shown };
}

describe('DesktopAlerts', () => {
  let hidden = true;
  const setup = (api: NotificationApi | undefined) => {
    TestBed.configureTestingModule({ providers: [{ provide: NOTIFICATION_API, useValue: api }] });
    Object.defineProperty(TestBed.inject(DOCUMENT), 'hidden', { configurable: true, get: () => hidden });
    return TestBed.inject(DesktopAlerts);
  };
  beforeEach(() => (hidden = true));

  it('R2 R5.1 new chats and transfers become desktop notifications while the console is in a background tab; a click opens the chat', () => {
    const { api, shown } = fakeApi('granted');
    const alerts = setup(api);
    const opened: string[] = [];
    expect(alerts.show({ kind: 'newChat', text: 'New chat from Erin: VPN drops', sessionId: 's1' }, (id) => opened.push(id))).toBe(true);
    expect(alerts.show({ kind: 'transfer', text: 'A chat from Frank was transferred to you', sessionId: 's2' }, (id) => opened.push(id))).toBe(true);
    expect(shown.map((n) => [n.title, n.options?.body, n.options?.tag])).toEqual([
      ['New chat waiting', 'New chat from Erin: VPN drops', 's1'],
      ['Chat transferred to you', 'A chat from Frank was transferred to you', 's2'],
    ]);
    shown[1]!.onclick!();
    expect(opened).toEqual(['s2']);
    expect(shown[1]!.closed).toBe(true);
  });

  it('stays quiet while the console is in view, for other alerts, without permission, and where the browser has none', () => {
    const granted = fakeApi('granted');
    const alerts = setup(granted.api);
    hidden = false;
    expect(alerts.show({ kind: 'newChat', text: 'x', sessionId: 's1' }, () => undefined)).toBe(false);
    hidden = true;
    expect(alerts.show({ kind: 'info', text: 'End user has cancelled chat.', sessionId: 's1' }, () => undefined)).toBe(false);
    expect(alerts.show({ kind: 'error', text: 'x' }, () => undefined)).toBe(false);
    expect(granted.shown).toEqual([]);

    TestBed.resetTestingModule();
    const denied = fakeApi('denied');
    expect(setup(denied.api).show({ kind: 'newChat', text: 'x', sessionId: 's1' }, () => undefined)).toBe(false);
    TestBed.resetTestingModule();
    const none = setup(undefined);
    expect(none.permission()).toBe('unsupported');
    expect(none.show({ kind: 'newChat', text: 'x', sessionId: 's1' }, () => undefined)).toBe(false);
  });

  it('asks for permission only when the agent turns them on', async () => {
    const { api, shown } = fakeApi('default');
    const alerts = setup(api);
    expect(alerts.show({ kind: 'newChat', text: 'x', sessionId: 's1' }, () => undefined)).toBe(false);
    expect(api.requestPermission).not.toHaveBeenCalled();
    await alerts.enable();
    expect(alerts.permission()).toBe('granted');
    expect(alerts.show({ kind: 'newChat', text: 'x', sessionId: 's1' }, () => undefined)).toBe(true);
    expect(shown).toHaveLength(1);
  });
});
