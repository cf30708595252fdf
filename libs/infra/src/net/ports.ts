import { createServer, connect } from 'node:net';

/** Asks the kernel for a free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Polls until something accepts TCP connections on host:port.
 * `isAlive` lets the caller stop waiting as soon as the server process died.
 */
export async function waitForPort(
  host: string,
  port: number,
  options: { timeoutMs: number; isAlive?: () => boolean; what: string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (options.isAlive && !options.isAlive()) {
      throw new Error(`${options.what} exited before it accepted connections on ${host}:${port}`);
    }
    if (await canConnect(host, port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${options.what} did not accept connections on ${host}:${port} within ${options.timeoutMs} ms`);
}
