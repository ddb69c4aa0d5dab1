// `sessionlens sign`: the JSON argument read as Python's json.loads reads it, handed to the core's
// writers (src/core/sign.ts), the value printed. zlib.compress is node:zlib's, injected.
import { deflateSync } from 'node:zlib';
import {
  DEFAULT_LIMITS,
  type MessageToSign,
  messagesToSign,
  type PyValue,
  parsePyJson,
  type Result,
  signDumps,
  signMessages,
  signSessionCookie,
  signSignedCookie,
} from '../core/index';
import { UsageError } from './args';
import type { SignCommand } from './sign-args';

const compress = (data: Uint8Array): Uint8Array => deflateSync(data);

/** The JSON list of {"level", "message", "extra_tags"} given for --kind messages. */
function messagesFrom(value: PyValue): MessageToSign[] {
  if (value.t !== 'list')
    throw new UsageError('--kind messages takes a JSON list of {"level", "message", "extra_tags"}');
  const messages = messagesToSign(value);
  if (!messages.ok) throw new UsageError(messages.message);
  return messages.value;
}

export async function sign(cmd: SignCommand, json: string): Promise<Result<string>> {
  const parsed = parsePyJson(json, DEFAULT_LIMITS.maxDepth);
  if (!parsed.ok) throw new UsageError(`the value is not JSON: ${parsed.message}`);
  const options = { key: cmd.key, now: cmd.now, algorithm: cmd.algorithm };
  switch (cmd.kind) {
    case 'signing':
      return signDumps(parsed.value, {
        ...options,
        ...(cmd.salt === undefined ? {} : { salt: cmd.salt }),
        ...(cmd.compress ? { compress } : {}),
      });
    case 'session-cookie':
      return signSessionCookie(parsed.value, { ...options, compress });
    case 'signed-cookie':
      if (parsed.value.t !== 'str') {
        throw new UsageError('--kind signed-cookie signs text: give it as a JSON string, e.g. \'"hello"\'');
      }
      return signSignedCookie(parsed.value.v, {
        ...options,
        name: cmd.name,
        legacySalt: cmd.legacySalt,
        ...(cmd.salt === undefined ? {} : { salt: cmd.salt }),
      });
    case 'messages':
      return signMessages(messagesFrom(parsed.value), { ...options, compress });
  }
}
