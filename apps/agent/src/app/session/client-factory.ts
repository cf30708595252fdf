import { inject, InjectionToken } from '@angular/core';
import { AttachmentsApi, ConsoleSession, gatewaySocketUrl, type ConsoleSessionOptions, SwitchboardClient } from '@switchboard/client';

/** Makes the WebSocket client for a token, or a function giving a fresh one before each connect; tests provide a fake. */
export type ClientFactory = (token: string | (() => Promise<string>)) => SwitchboardClient;

export const CLIENT_FACTORY = new InjectionToken<ClientFactory>('CLIENT_FACTORY', {
  providedIn: 'root',
  factory: () => (token: string | (() => Promise<string>)) => new SwitchboardClient({ url: gatewaySocketUrl(location), token }),
});

/** The gateway's HTTP base: the origin that served the page. */
export const GATEWAY_ORIGIN = new InjectionToken<string>('GATEWAY_ORIGIN', { providedIn: 'root', factory: () => location.origin });

/** Which console this is, whom it serves, and what it says to anyone else. */
export const AGENT_SESSION: Omit<ConsoleSessionOptions, 'baseUrl'> = {
  console: 'agent',
  roles: ['agent'],
  wrongRole: 'This console is for support agents. Please sign in with an agent account.',
};

/** The sign-in of the agent console (token in memory, HttpOnly refresh cookie); tests provide one on a fake gateway. */
export const CONSOLE_SESSION = new InjectionToken<ConsoleSession>('CONSOLE_SESSION', {
  providedIn: 'root',
  factory: () => new ConsoleSession({ ...AGENT_SESSION, baseUrl: inject(GATEWAY_ORIGIN) }),
});

/** Files and screenshots over the gateway's HTTP calls, with this console's sign-in; tests provide a fake. */
export const ATTACHMENTS_API = new InjectionToken<AttachmentsApi>('ATTACHMENTS_API', {
  providedIn: 'root',
  factory: () => {
    const session = inject(CONSOLE_SESSION);
    return new AttachmentsApi({ baseUrl: inject(GATEWAY_ORIGIN), token: () => session.token() });
  },
});
