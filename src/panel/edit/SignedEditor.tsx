// jwt.io for Django's signed values: the encoded value beside the decoded one, its parts
// colour-coded (payload, timestamp, signature), the key in the same view. Editing the decoded
// side re-signs it as Django would (core's resign(): same salt, serializer, algorithm and
// compression, a timestamp of now) with the key typed here, which stays in the panel: it signs in
// the panel's sign worker and verifies in its decode worker, never in the background or the network.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type DecodeReport, type ResignPlan, resignPlan, resignText } from '../../core/index';
import { decodeOffThread } from '../decode/off-thread';
import { copyText } from '../decoded/clipboard';
import { verdictOf } from '../decoded/verdict';
import type { WriteOutcome } from './apply-write';
import { signOffThread } from './sign-off-thread';
import './signed.css';

/** Re-signing and verifying wait for typing to pause, as the Decode tab does. */
const DEBOUNCE_MS = 200;

export interface SignedEditorProps {
  /** The value as the browser (or the paste) holds it now. */
  value: string;
  report: DecodeReport;
  /** set_signed_cookie's name and salt, where the kind needs them. */
  cookieName?: string;
  salt?: string;
  /** SECRET_KEY from the Keys tab, if any: the key field starts with it. */
  initialKey: string;
  now: number;
  /** Sets the cookie to the re-signed value; absent: copy only (a pasted value). */
  onSet?: (value: string) => Promise<WriteOutcome>;
  /** What onSet sets, for its button: `the sessionid cookie`. */
  target?: string;
}

/**
 * The editor, loaded when first opened (Resign.tsx): the writers and their serializers stay out of
 * the panel's first load. Says why when the value cannot be re-signed.
 */
export function SignedEditor(props: SignedEditorProps & { onClose: () => void }) {
  const plan = resignPlan(props.report, {
    ...(props.cookieName ? { cookieName: props.cookieName } : {}),
    ...(props.salt ? { salt: props.salt } : {}),
  });
  if (!plan.ok) {
    return (
      <p class="sl-muted" data-testid="resign-unavailable">
        Not re-signable here: {plan.message}.{' '}
        <button type="button" class="sl-link" data-testid="resign-close" onClick={props.onClose}>
          close
        </button>
      </p>
    );
  }
  return <Editor {...props} plan={plan.value} />;
}

function Editor({
  value,
  report,
  cookieName,
  salt,
  initialKey,
  now,
  onSet,
  target,
  plan,
  onClose,
}: SignedEditorProps & { plan: ResignPlan; onClose: () => void }) {
  const [text, setText] = useState(() => resignText(report, plan));
  const [key, setKey] = useState(initialKey);
  const [showKey, setShowKey] = useState(false);
  const [compress, setCompress] = useState(plan.kind === 'signing' ? plan.compress : true);
  const [signed, setSigned] = useState<{ ok: true; value: string } | { ok: false; message: string } | null>(
    null,
  );
  const [keyReport, setKeyReport] = useState<DecodeReport | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  // The clock is read when a signature is made, not on every tick (that would re-sign each second).
  const clock = useRef(now);
  clock.current = now;
  // The value the text was made from. WHY: the site may set the cookie while an edit is open, and
  // setting an edit of the old value would silently undo the site's change.
  const [base, setBase] = useState(() => ({ value, report, text: resignText(report, plan) }));
  const edited = text !== base.text;
  const changedUnder = value !== base.value;
  const conflict = changedUnder && edited;
  const startOver = () => {
    const fresh = resignText(report, plan);
    setText(fresh);
    setBase({ value, report, text: fresh });
  };
  // Unedited, the editor follows the value as the site changes it (and its report, which may
  // arrive a render after the value: it is decoded off the main thread).
  useEffect(() => {
    if (!edited && (changedUnder || report !== base.report)) startOver();
  }, [value, report]);
  const signingPlan: ResignPlan = plan.kind === 'signing' ? { ...plan, compress } : plan;

  // Re-sign what is typed, with the typed key, timestamp now.
  useEffect(() => {
    let current = true;
    const timer = setTimeout(async () => {
      if (key === '') {
        setSigned({ ok: false, message: 'Type the key to sign with (SECRET_KEY).' });
        return;
      }
      const made = await signOffThread({ plan: signingPlan, text, key, now: clock.current });
      if (current) setSigned(made);
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, key, compress]);

  // Does the typed key verify the value as it stands? The verdict follows the key as it is typed.
  useEffect(() => {
    const stale = new AbortController();
    const timer = setTimeout(async () => {
      const read = await decodeOffThread(
        value,
        {
          kind: report.kind,
          keys: key === '' ? [] : [key],
          now: clock.current,
          ...(cookieName ? { cookieName } : {}),
          ...(salt ? { salt } : {}),
          ...(report.algorithm ? { algorithm: report.algorithm } : {}),
        },
        { signal: stale.signal },
      );
      if (!stale.signal.aborted) setKeyReport(read);
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      stale.abort();
    };
  }, [value, key]);

  const verdict = keyReport ? verdictOf(keyReport, now) : null;
  const keyInput = {
    class: 'sl-mono',
    'data-testid': 'resign-key',
    'aria-label': 'The key to sign with (SECRET_KEY)',
    autocomplete: 'off',
    spellcheck: false,
    value: key,
    onInput: (e: { currentTarget: HTMLInputElement }) => setKey(e.currentTarget.value),
  };
  const shown = edited && signed?.ok ? signed.value : value;
  return (
    <div class="sl-signed" data-testid="resign">
      <div class="sl-signed-head">
        <strong>Edit and re-sign</strong>
        <span class="sl-muted" data-testid="resign-how">
          {describePlan(signingPlan)}
        </span>
        <button type="button" class="sl-link sl-header-action" data-testid="resign-close" onClick={onClose}>
          close
        </button>
      </div>
      <div class="sl-signed-columns">
        <section class="sl-signed-side">
          <div class="sl-section-title">
            Encoded {edited ? (signed?.ok ? '(re-signed now)' : '(not signed yet)') : '(as it is)'}
          </div>
          <EncodedParts value={shown} />
          <p class="sl-signed-legend">
            <span class="sl-part-payload">payload</span> · <span class="sl-part-timestamp">timestamp</span> ·{' '}
            <span class="sl-part-signature">signature</span>
          </p>
        </section>
        <section class="sl-signed-side">
          <div class="sl-section-title">Decoded</div>
          <textarea
            class="sl-mono"
            data-testid="resign-text"
            aria-label="The decoded value, to edit"
            spellcheck={false}
            rows={Math.min(14, Math.max(3, text.split('\n').length))}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <label class="sl-signed-key">
            key {showKey ? <input {...keyInput} type="text" /> : <input {...keyInput} type="password" />}
            <button type="button" class="sl-link" onClick={() => setShowKey(!showKey)}>
              {showKey ? 'hide' : 'show'}
            </button>
          </label>
          {plan.kind === 'signing' && (
            <label>
              <input
                type="checkbox"
                data-testid="resign-compress"
                checked={compress}
                onChange={(e) => setCompress(e.currentTarget.checked)}
              />{' '}
              compress=True (zlib, used only when it makes the value shorter, as dumps does)
            </label>
          )}
        </section>
      </div>
      {verdict && (
        <p class={`sl-tone-${verdict.tone}`} data-testid="resign-verdict" data-verdict={verdict.kind}>
          {verdict.kind === 'verified'
            ? 'This key verifies the value as it is.'
            : `With this key, the value as it is: ${verdict.title}`}
        </p>
      )}
      {conflict && (
        <p class="sl-tone-warn" data-testid="resign-changed">
          The site changed this cookie since you began editing: setting your edit would undo that change.{' '}
          <button type="button" class="sl-link" data-testid="resign-start-over" onClick={startOver}>
            Start over from the new value
          </button>{' '}
          <button
            type="button"
            class="sl-link"
            data-testid="resign-keep"
            onClick={() => setBase({ ...base, value })}
          >
            Keep my edit
          </button>
        </p>
      )}
      {signed && !signed.ok && (
        <p class="sl-tone-error" data-testid="resign-problem">
          {signed.message}
        </p>
      )}
      <div class="sl-edit-actions">
        <button
          type="button"
          class="sl-button"
          data-testid="resign-copy"
          disabled={!signed?.ok}
          onClick={async () => {
            if (!signed?.ok) return;
            const copied = await copyText(signed.value);
            setOutcome({
              ok: copied,
              text: copied ? 'Copied the re-signed value.' : 'The clipboard refused.',
            });
          }}
        >
          Copy the re-signed value
        </button>
        {onSet && (
          <button
            type="button"
            class="sl-button primary"
            data-testid="resign-set"
            disabled={!signed?.ok || conflict}
            onClick={async () => {
              if (!signed?.ok || conflict) return;
              // The cookie is about to become this value: that change is ours, not the site's.
              const before = base;
              setBase({ ...base, value: signed.value, text });
              const result = await onSet(signed.value);
              if (!result.ok) setBase(before);
              setOutcome(
                result.ok
                  ? {
                      ok: true,
                      text: `Set ${target ?? 'the cookie'}: the site reads it on the next request.`,
                    }
                  : { ok: false, text: result.message },
              );
            }}
          >
            Set {target ?? 'the cookie'} to it
          </button>
        )}
      </div>
      {outcome && (
        <p class={outcome.ok ? 'sl-tone-ok' : 'sl-tone-error'} data-testid="resign-outcome">
          {outcome.text}
        </p>
      )}
    </div>
  );
}

function describePlan(plan: ResignPlan): string {
  switch (plan.kind) {
    case 'signing':
      return `signing.dumps(obj, salt=${JSON.stringify(plan.salt)}, compress=${plan.compress ? 'True' : 'False'}), ${plan.algorithm}`;
    case 'session-cookie':
      return `the signed_cookies SessionStore: dumps(session, compress=True), ${plan.algorithm}`;
    case 'messages':
      return `CookieStorage: sign_object(messages, compress=True), ${plan.algorithm}`;
    case 'signed-cookie':
      return `set_signed_cookie(${JSON.stringify(plan.name)}, text, salt=${JSON.stringify(plan.salt)})${plan.legacySalt ? ', the legacy salt' : ''}, ${plan.algorithm}`;
  }
}

/**
 * `payload:timestamp:signature` (rsplit twice: a set_signed_cookie text may hold ":" itself),
 * each part in its colour; every part is text, never markup.
 */
function EncodedParts({ value }: { value: string }) {
  const last = value.lastIndexOf(':');
  const middle = last > 0 ? value.lastIndexOf(':', last - 1) : -1;
  if (last < 0 || middle < 0) return <code class="sl-signed-encoded">{value}</code>;
  return (
    <code class="sl-signed-encoded" data-testid="resign-encoded">
      <span class="sl-part-payload" data-testid="resign-part-payload">
        {value.slice(0, middle)}
      </span>
      :
      <span class="sl-part-timestamp" data-testid="resign-part-timestamp">
        {value.slice(middle + 1, last)}
      </span>
      :
      <span class="sl-part-signature" data-testid="resign-part-signature">
        {value.slice(last + 1)}
      </span>
    </code>
  );
}
