import { InjectionToken } from '@angular/core';
import { gatewaySocketUrl, SwitchboardClient } from '@switchboard/client';

/** Makes the WebSocket client for a token, or a function giving a fresh one before each connect; tests provide a fake. */
export type ClientFactory = (token: string | (() => Promise<string>)) => SwitchboardClient;

export const CLIENT_FACTORY = new InjectionToken<ClientFactory>('CLIENT_FACTORY', {
  providedIn: 'root',
  factory: () => (token: string | (() => Promise<string>)) => new SwitchboardClient({ url: gatewaySocketUrl(location), token }),
});

/** The gateway's HTTP base: the origin that served the page. */
export const GATEWAY_ORIGIN = new InjectionToken<string>('GATEWAY_ORIGIN', { providedIn: 'root', factory: () => location.origin });
