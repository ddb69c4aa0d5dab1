// The `sessionlens` command: argument parsing and I/O around the core's decode(), checkKeys() and
// the writers of `sign`.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort } from 'node:worker_threads';
import { version } from '../../package.json';
import {
  checkKeys,
  DEFAULT_LIMITS,
  decode,
  publishedKeys,
  escapeUnprintable as shown,
  wordlistEntries,
} from '../core/index';
import { type CheckKeysCommand, type DecodeCommand, HELP, parseCommand, UsageError } from './args';
import { nativeHunt, serveHuntShare } from './native-hunt';
import { exitCode, reportJson, reportText } from './render';
import { sign } from './sign';
import { parseSignCommand, type SignCommand } from './sign-args';

/**
 * The most stdin may hold: the longest value decode() accepts, plus room for the whitespace a
 * paste brings. Reading stops past it, so a stream of any size costs at most this much memory.
 */
const STDIN_MAX_BYTES = DEFAULT_LIMITS.maxInputBytes + 4096;

async function readValue(value: string): Promise<string> {
  if (value !== '-') return value;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > STDIN_MAX_BYTES) {
      process.stdin.destroy();
      throw new UsageError(
        `stdin holds more than ${STDIN_MAX_BYTES} bytes; a value is at most ${DEFAULT_LIMITS.maxInputBytes} bytes`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  // A pasted value ends with the newline of the shell or the clipboard, never part of it.
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function runDecode(cmd: DecodeCommand): Promise<number> {
  const report = await decode(await readValue(cmd.value), cmd.options);
  const keyCount = cmd.options.keys?.length ?? 0;
  process.stdout.write(`${cmd.json ? reportJson(report) : reportText(report, keyCount, cmd.options.now)}\n`);
  return exitCode(report);
}

/** The candidate keys, and where one came from as the report names it (asked only for the one found). */
interface Candidates {
  keys: string[];
  origin: (index: number) => { line: number | null; source: string };
}

async function candidates(wordlist: string | null): Promise<Candidates> {
  if (wordlist === null) {
    const published = await publishedKeys();
    return {
      keys: published.map((k) => k.key),
      origin: (i) => ({ line: null, source: `published in ${published[i]?.repo}/${published[i]?.path}` }),
    };
  }
  let text: string;
  try {
    text = await readFile(wordlist, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --wordlist ${wordlist}: ${(e as Error).message}`);
  }
  const entries = wordlistEntries(text);
  return {
    keys: entries.map((e) => e.key),
    origin: (i) => ({ line: entries[i]?.line ?? null, source: `${wordlist}:${entries[i]?.line}` }),
  };
}

async function runCheckKeys(cmd: CheckKeysCommand): Promise<number> {
  const { keys, origin } = await candidates(cmd.wordlist);
  const value = await readValue(cmd.value);
  const result = await checkKeys(value, keys, {
    ...cmd.options,
    clock: () => performance.now(),
    hunt: nativeHunt(new URL(import.meta.url)),
  });
  const found = result.index === null ? null : { key: keys[result.index] ?? '', ...origin(result.index) };
  if (cmd.json) {
    const json = {
      found: found !== null,
      key: found?.key ?? null,
      line: found?.line ?? null,
      source: found?.source ?? null,
      ...result,
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    if (result.code !== null)
      process.stdout.write(`✘ unreadable (${result.code}): ${shown(result.message ?? '')}\n`);
    else if (found) {
      process.stdout.write(`✔ ${shown(found.source)} signs it: ${shown(JSON.stringify(found.key))}\n`);
    } else {
      const list =
        cmd.wordlist === null ? 'published keys built in' : `candidate keys in ${shown(cmd.wordlist)}`;
      process.stdout.write(`✘ none of the ${keys.length} ${list} signs it\n`);
    }
    const rate = Math.round(result.keysPerSecond).toLocaleString('en-US');
    process.stdout.write(
      `tried ${result.tried} keys in ${result.elapsedMs.toFixed(1)} ms (${rate} keys/s)\n`,
    );
  }
  if (result.code !== null) return 2;
  return found ? 0 : 1;
}

async function runSign(cmd: SignCommand): Promise<number> {
  const signed = await sign(cmd, await readValue(cmd.value));
  if (!signed.ok) throw new UsageError(`cannot sign (${signed.code}): ${signed.message}`);
  process.stdout.write(`${signed.value}\n`);
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    const now = Date.now() / 1000;
    // `sign` has its own options (sign-args.ts); the reading commands share args.ts.
    const cmd = argv[0] === 'sign' ? parseSignCommand(argv.slice(1), now) : parseCommand(argv, now);
    switch (cmd.command) {
      case 'help':
        process.stdout.write(HELP);
        return 0;
      case 'version':
        process.stdout.write(`sessionlens ${version}\n`);
        return 0;
      case 'decode':
        return await runDecode(cmd);
      case 'check-keys':
        return await runCheckKeys(cmd);
      case 'sign':
        return await runSign(cmd);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`sessionlens: ${shown(e.message)}\nTry 'sessionlens --help'.\n`);
    return 2;
  }
}

// check-keys' worker threads run this same file (native-hunt.ts): one bundle, no second entry.
if (isMainThread) process.exitCode = await main(process.argv.slice(2));
else if (parentPort) serveHuntShare(parentPort);
