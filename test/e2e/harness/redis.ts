import { freePort, spawnTracked, type Tracked, waitForPort } from './processes';

export interface Redis {
  url: string;
  stop(): Promise<void>;
}

/** A throwaway redis-server on loopback: no RDB snapshot, no AOF, gone with the test run. */
export async function startRedis(): Promise<Redis> {
  const port = await freePort();
  const server: Tracked = spawnTracked(
    'redis-server',
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    process.env,
  );
  await waitForPort(port, server);
  return { url: `redis://127.0.0.1:${port}/0`, stop: () => server.stop() };
}
