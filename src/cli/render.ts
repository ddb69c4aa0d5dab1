// Human and JSON output of a DecodeReport. Knowledge of what the data means stays in the core
// (explainSession); this file only lays it out. Everything in the human output that a site
// chose (values, message text and tags, pickle global names, error texts that quote them) goes
// through `shown`, so no escape sequence reaches the terminal raw.
import {
  type DecodeReport,
  explainSession,
  messageLevelName,
  escapeUnprintable as shown,
  toExactJson,
  toPlainText,
} from '../core/index';

/** Exit status: 0 verified (or decoded without a key), 1 signature did not verify, 2 unreadable. */
export function exitCode(report: DecodeReport): 0 | 1 | 2 {
  if (report.verified === false) return 1;
  if (report.code === 'bad-signature' || report.code === 'signature-expired') return 1;
  if (report.code !== null && report.code !== 'unsafe-pickle') return 2;
  return 0;
}

const DATA_TOKEN = '@@sessionlens-data@@';

/** One JSON object: the whole DecodeReport, `data` written by toExactJson so big ints stay exact. */
export function reportJson(report: DecodeReport): string {
  const { data } = report;
  const text = JSON.stringify({ ...report, data: data === null ? null : DATA_TOKEN }, null, 2);
  if (data === null) return text;
  return text.replace(`"${DATA_TOKEN}"`, () => toExactJson(data, 2).replace(/\n/g, '\n  '));
}

/** A session key or a CSRF token: nothing signed, so no key can verify it. */
function notSigned(report: DecodeReport): boolean {
  return report.format === 'session-key' || report.format === 'csrf-token';
}

function verdict(report: DecodeReport, keyCount: number): string {
  const signedBy = () => {
    // Named as in settings.py, as the panel names it: the second --key is SECRET_KEY_FALLBACKS[0].
    const which =
      report.matchedKey === 0 ? 'SECRET_KEY' : `SECRET_KEY_FALLBACKS[${(report.matchedKey ?? 1) - 1}]`;
    return `${which}${report.algorithm ? ` (${report.algorithm})` : ''}`;
  };
  // The signature can be right while the value is still refused: say why, as exitCode() does.
  if (report.code === 'signature-expired') {
    const by = report.verified === true ? `signed by ${signedBy()}, but ` : '';
    return `✘ signature expired: ${by}${shown(report.message ?? 'older than --max-age')}`;
  }
  if (report.verified === true && report.code !== null && report.code !== 'unsafe-pickle') {
    return `✘ unreadable (${report.code}): signed by ${signedBy()}, but ${shown(report.message ?? 'the payload cannot be read')}`;
  }
  if (report.verified === true) return `✔ verified with ${signedBy()}`;
  if (notSigned(report)) {
    const what =
      report.format === 'session-key' ? 'a session key (the data lives on the server)' : 'a CSRF token';
    return keyCount > 0 ? `· not signed: ${what}; --key has nothing to verify here` : `· not signed: ${what}`;
  }
  if (report.verified === false || report.code === 'bad-signature') {
    return `✘ bad signature: ${shown(report.message ?? `none of the ${keyCount} key(s) verified it`)}`;
  }
  if (report.code !== null && report.code !== 'unsafe-pickle')
    return `✘ unreadable (${report.code}): ${shown(report.message ?? '')}`;
  return '? unverified: no --key given, decoded only';
}

function unixText(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString()} (unix ${seconds})`;
}

export function reportText(report: DecodeReport, keyCount: number, now: number): string {
  const out = [verdict(report, keyCount), ''];
  const facts = [`kind ${report.kind}`, `format ${report.format}`];
  if (report.serializer) facts.push(`serializer ${report.serializer}`);
  if (report.compressed) facts.push('compressed');
  if (report.salt !== null) facts.push(`salt ${shown(JSON.stringify(report.salt))}`);
  out.push(facts.join(' · '));
  if (report.timestamp !== null) out.push(`signed at ${unixText(report.timestamp)}`);
  if (report.text !== null) out.push('', `value: ${shown(JSON.stringify(report.text))}`);
  if (report.messages) {
    out.push('', 'messages:');
    for (const m of report.messages) {
      out.push(
        `  [${messageLevelName(m.level)}] ${shown(JSON.stringify(m.message))}${m.extraTags ? ` (${shown(m.extraTags)})` : ''}${m.safe ? ' (safe)' : ''}`,
      );
    }
    if (report.messagesNotFinished) out.push('  … more messages did not fit in the cookie');
  } else if (report.data !== null) {
    out.push('', toPlainText(report.data));
  }
  if (report.pickle) {
    out.push('', `pickle references: ${report.pickle.references.map(shown).join(', ') || '(none)'}`);
  }
  if (
    report.data !== null &&
    report.data.t === 'dict' &&
    (report.kind === 'session-cookie' || report.kind === 'session-data')
  ) {
    const explanations = explainSession(report.data, {
      now,
      timestamp: report.timestamp,
      signedCookie: report.kind === 'session-cookie',
    });
    if (explanations.length) {
      out.push('', 'what it means:');
      for (const e of explanations) out.push(`  ${shown(e.key)} — ${shown(e.title)}: ${shown(e.text)}`);
    }
  }
  if (report.warnings.length) {
    out.push('', 'warnings:');
    for (const w of report.warnings) out.push(`  ⚠ ${w.code}: ${shown(w.message)}`);
  }
  return out.join('\n');
}
