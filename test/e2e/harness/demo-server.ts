import { execFileSync } from 'node:child_process';
import { MANAGE_PY, PYTHON, ROOT } from './paths';
import { freePort, spawnTracked, tempDir, waitForPort } from './processes';
import { type Redis, startRedis } from './redis';

export const ENGINES = ['db', 'cache', 'cached_db', 'file', 'signed_cookies'] as const;
export type Engine = (typeof ENGINES)[number];

export interface DemoServer {
  engine: Engine;
  /** http://127.0.0.1:<port> — no trailing slash. */
  origin: string;
  /** The demo's SECRET_KEY, read from its settings: what a user pastes into Keys. */
  secretKey: string;
  /** The folder holding its SQLite file and session files (another demo can share it). */
  dataDir: string;
  stop(): Promise<void>;
}

export interface DemoOptions {
  /** Extra environment: the demo's switches (SESSIONLENS_DEMO_COOKIE_NAME, SESSIONLENS_DEMO_ROTATE_KEY). */
  env?: Record<string, string>;
  /** Serve the same database and session files as this demo (e.g. the same site after a key rotation). */
  shareDataWith?: DemoServer;
}

/**
 * The demo site on `engine`, as `make demo` runs it but isolated: a fresh SQLite file and session
 * file folder (SESSION_FILE_PATH) per run, and for the cache engine a throwaway redis-server of its own.
 */
export async function startDemo(engine: Engine, options: DemoOptions = {}): Promise<DemoServer> {
  const shared = options.shareDataWith;
  const dir = shared ? { path: shared.dataDir, remove: () => {} } : tempDir(`demo-${engine}`);
  let redis: Redis | undefined;
  try {
    if (engine === 'cache') redis = await startRedis();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SESSIONLENS_DEMO_ENGINE: engine,
      SESSIONLENS_DEMO_DB: `${dir.path}/demo.sqlite3`,
      SESSIONLENS_DEMO_FILE_PATH: `${dir.path}/sessions`,
      PYTHONDONTWRITEBYTECODE: '1',
      ...(redis ? { REDIS_URL: redis.url } : {}),
      ...options.env,
    };
    const manage = (...args: string[]) =>
      execFileSync(PYTHON, [MANAGE_PY, ...args], { env, cwd: ROOT, encoding: 'utf8' });
    manage('prepare_demo');
    const secretKey = execFileSync(
      PYTHON,
      ['-c', 'from django.conf import settings; print(settings.SECRET_KEY)'],
      {
        env: { ...env, PYTHONPATH: `${ROOT}demo`, DJANGO_SETTINGS_MODULE: 'sessionlens_demo.settings' },
        encoding: 'utf8',
      },
    ).trim();

    const port = await freePort();
    const server = spawnTracked(
      `demo runserver (${engine})`,
      PYTHON,
      [MANAGE_PY, 'runserver', `127.0.0.1:${port}`, '--noreload'],
      env,
    );
    await waitForPort(port, server);
    return {
      engine,
      origin: `http://127.0.0.1:${port}`,
      secretKey,
      dataDir: dir.path,
      stop: async () => {
        await server.stop();
        await redis?.stop();
        dir.remove();
      },
    };
  } catch (error) {
    await redis?.stop();
    dir.remove();
    throw error;
  }
}
