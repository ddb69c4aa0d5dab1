// `sessionlens sign`: the JSON argument read as Python's json.loads reads it, handed to the core's
// writers (src/core/sign.ts), the value printed. zlib.compress is node:zlib's, injected.
import { deflateSync } from 'node:zlib';
import {
  DEFAULT_LIMITS,
  type MessageToSign,
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
export function messagesFrom(value: PyValue): MessageToSign[] {
  if (value.t !== 'list')
    throw new UsageError('--kind messages takes a JSON list of {"level", "message", "extra_tags"}');
  return value.items.map((item, i) => {
    const fields = new Map<string, PyValue>();
    for (const [k, v] of item.t === 'dict' ? item.entries : []) if (k.t === 'str') fields.set(k.v, v);
    const unknown = [...fields.keys()].filter((k) => !['level', 'message', 'extra_tags'].includes(k));
    if (item.t !== 'dict' || unknown.length > 0) {
      throw new UsageError(`message ${i}: an object of "level", "message" and "extra_tags" only`);
    }
    const level = fields.get('level');
    const message = fields.get('message');
    const extra = fields.get('extra_tags');
    if (level?.t !== 'int' || !Number.isSafeInteger(Number(level.v))) {
      throw new UsageError(`message ${i}: "level" must be an integer (messages.INFO is 20)`);
    }
    if (message?.t !== 'str') throw new UsageError(`message ${i}: "message" must be a string`);
    if (extra !== undefined && extra.t !== 'str' && extra.t !== 'none') {
      throw new UsageError(`message ${i}: "extra_tags" must be a string or null`);
    }
    // Absent: "" as messages.add_message() passes; null: Message(extra_tags=None), not encoded.
    const extraTags = extra === undefined ? '' : extra.t === 'str' ? extra.v : null;
    return { level: Number(level.v), message: message.v, extraTags };
  });
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
