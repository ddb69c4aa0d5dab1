// Text a site wrote, made safe to look at: characters that change how the rest of a line reads
// (bidirectional overrides and isolates, zero-width joiners, terminal escapes and every other
// control character) are shown as the escapes Python's repr() writes for them, so
// "invoice\u202efdp.exe" cannot pass for "invoiceexe.pdf" and a \x1b draws no tofu. Long text is
// cut to what a row can show; the rest is counted.

/** C0 and C1 controls, DEL, the bidi controls (Unicode's Bidi_Control) and invisible formatters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters made visible here.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** repr()'s spelling of one code point: \xNN below U+0100, \uNNNN above. */
function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function visibleText(text: string): string {
  return text.replace(INVISIBLE, escapeChar);
}

/** A string value shows this many characters (a few lines of a row) before "… N more": 1 MB stays short. */
export const VISIBLE_CHARS = 300;

export function clipped(text: string, limit = VISIBLE_CHARS): { shown: string; more: number } {
  // Cut on a code point, never inside a surrogate pair.
  const points =
    text.length > limit
      ? Array.from(text.slice(0, limit + 1))
          .slice(0, limit)
          .join('')
      : text;
  return { shown: points, more: text.length - points.length };
}
