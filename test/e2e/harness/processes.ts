import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A port the OS says is free now (closed again before the caller binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on the port; rejects when `child` dies first. */
export async function waitForPort(port: number, child: Tracked, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exited)
      throw new Error(
        `${child.name} exited (${child.exited}) before port ${port} opened:\n${child.output()}`,
      );
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${child.name}: port ${port} not open after ${timeoutMs} ms:\n${child.output()}`);
}

export interface Tracked {
  name: string;
  child: ChildProcess;
  /** Why it ended ("code 1", "SIGTERM"), or '' while running. */
  exited: string;
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<Tracked>();
// Last resort when a test run dies without its `after` hooks: never leave a server behind.
process.once('exit', () => {
  for (const t of running) killGroup(t.child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // its own process group: takes any grandchildren with it
  } catch {
    // already gone
  }
}

/** Spawns a process in its own group, keeps the tail of its output for error messages. */
export function spawnTracked(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Tracked {
  const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const tracked: Tracked = {
    name,
    child,
    exited: '',
    output: () => log,
    async stop() {
      if (tracked.exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
  child.once('exit', (code, signal) => {
    tracked.exited = signal ?? `code ${code}`;
    running.delete(tracked);
  });
  running.add(tracked);
  return tracked;
}

/** A fresh temporary directory and its remover. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `sessionlens-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
