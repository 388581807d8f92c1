/** Small waits and port checks shared by the tests that start servers and processes. */
import { once } from 'node:events';
import { connect, createServer } from 'node:net';

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Resolves true when a connection to the port is refused, false when something accepts it. */
export function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

/** Polls `check` every 50 ms until it is true (true) or `ms` have passed (false). */
export async function eventually(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (performance.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** As `eventually`, but throws when the time is up (for a check that must come true). */
export async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  if (!(await eventually(check, ms))) throw new Error(`not within ${ms} ms`);
}
