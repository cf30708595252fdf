/** The part of the WebSocket API the client uses: the same in browsers, Node 22 and the `ws` package. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export const WS_OPEN = 1;

/** The given implementation, else the global WebSocket, else the `ws` package (Node without a global one). */
export async function resolveWebSocket(given?: WebSocketConstructor): Promise<WebSocketConstructor> {
  if (given) return given;
  const global = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (global) return global;
  const Ctor = constructorIn(await import('ws'));
  if (!Ctor) throw new Error('No WebSocket implementation: pass options.WebSocket');
  return Ctor;
}

/** The `ws` package's WebSocket class (named export, or the default one in CommonJS interop). */
function constructorIn(module: object): WebSocketConstructor | undefined {
  for (const name of ['WebSocket', 'default']) {
    const candidate: unknown = Reflect.get(module, name);
    // `ws` implements the browser API this client uses (WebSocketLike); its own typings describe more.
    if (typeof candidate === 'function') return candidate as WebSocketConstructor;
  }
  return undefined;
}
