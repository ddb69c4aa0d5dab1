// The Decode tab: paste any Django value (a cookie, `session_data` copied from django_session, a
// messages cookie, a signing.dumps string) and read it with the site's keys.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type Algorithm,
  type DecodeReport,
  KIND_NAMES as KIND_REGISTRY,
  type Kind,
  type Secret,
} from '../../core/index';
import { decodeOffThread } from '../decode/off-thread';
import { ReportView } from '../decoded/ReportView';
import { Resign } from '../edit/Resign';
import type { PasteDraft } from './draft';
import { type PasteFields, pasteOptions } from './paste-options';
import './paste.css';

/** Decoding waits for typing to pause: a pasted 1 MB value is decoded once, not per keystroke. */
const DEBOUNCE_MS = 200;

/** The kind selector: auto, then every kind of the core's registry. */
const KINDS: Array<[Kind | 'auto', string]> = [
  ['auto', 'auto-detect'],
  ...KIND_REGISTRY.map((k): [Kind, string] => [k.kind, k.label]),
];
const ALGORITHMS: Array<Algorithm | ''> = ['', 'sha256', 'sha1', 'sha384', 'sha512'];

export function PasteTab({
  keys,
  now,
  draft,
  onDraft,
}: {
  keys: Secret[];
  now: number;
  draft: PasteDraft;
  onDraft: (draft: PasteDraft) => void;
}) {
  const { text, fields } = draft;
  const setText = (next: string) => onDraft({ text: next, fields });
  const setFields = (next: PasteFields) => onDraft({ text, fields: next });
  const [report, setReport] = useState<DecodeReport | null>(null);
  const latest = useRef(0);
  // The shell may hand a new `keys` array or a ticking `now` on every render: decode again only
  // when the keys' content changes, and read the clock when the decode runs.
  const inputs = useRef({ keys, now });
  inputs.current = { keys, now };
  const keysId = keys
    .map((k) => (typeof k === 'string' ? `s${k}` : `b${Array.from(k).join(',')}`))
    .join('\0');

  useEffect(() => {
    // Values copied from psql or a terminal carry a trailing newline; Django never writes one.
    const value = text.trim();
    const run = ++latest.current;
    if (!value) {
      setReport(null);
      return;
    }
    const stale = new AbortController();
    const timer = setTimeout(async () => {
      const result = await decodeOffThread(
        value,
        pasteOptions(fields, inputs.current.keys, inputs.current.now),
        { signal: stale.signal },
      );
      // A slower decode of an older input must not overwrite the newer one.
      if (run === latest.current) setReport(result);
    }, DEBOUNCE_MS);
    // Typing on stops the previous decode's worker instead of leaving it to the watchdog.
    return () => {
      clearTimeout(timer);
      stale.abort();
    };
  }, [text, fields, keysId]);

  const set = <K extends keyof PasteFields>(name: K, value: PasteFields[K]) =>
    setFields({ ...fields, [name]: value });

  return (
    <div class="sl-paste" data-testid="paste-tab">
      <textarea
        data-testid="paste-input"
        aria-label="Value to decode"
        placeholder="Paste a cookie value, a session_data column from django_session, a messages cookie, a signing.dumps() string…"
        spellcheck={false}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <div class="sl-paste-options">
        <label>
          kind
          <select
            data-testid="paste-kind"
            value={fields.kind}
            onChange={(e) => set('kind', e.currentTarget.value as PasteFields['kind'])}
          >
            {KINDS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <Field label="salt" name="salt" fields={fields} set={set} />
        <Field label="cookie name" name="cookieName" fields={fields} set={set} />
        <Field
          label="session class"
          name="sessionClass"
          fields={fields}
          set={set}
          placeholder="backends.db.SessionStore"
        />
        <Field label="max age (s)" name="maxAge" fields={fields} set={set} inputMode="numeric" />
        <label>
          algorithm
          <select
            data-testid="paste-algorithm"
            value={fields.algorithm}
            onChange={(e) => set('algorithm', e.currentTarget.value as PasteFields['algorithm'])}
          >
            {ALGORITHMS.map((a) => (
              <option key={a} value={a}>
                {a || 'auto'}
              </option>
            ))}
          </select>
        </label>
      </div>
      {keys.length === 0 && text.trim() !== '' && (
        <p class="sl-muted" data-testid="paste-no-keys">
          No keys for this site: values are decoded but not verified. Add SECRET_KEY in Keys.
        </p>
      )}
      {report ? (
        <>
          <ReportView report={report} now={now} onReadAs={(kind) => setFields({ ...fields, kind })} />
          {/* A new value is a new editor; a pasted value can only be copied, not set. */}
          <Resign
            key={text.trim()}
            value={text.trim()}
            report={report}
            cookieName={fields.cookieName.trim()}
            salt={fields.salt}
            initialKey={typeof keys[0] === 'string' ? keys[0] : ''}
            now={now}
          />
        </>
      ) : (
        text.trim() === '' && (
          <p class="sl-muted" data-testid="paste-empty">
            The value is decoded here, in the panel: nothing is sent anywhere.
          </p>
        )
      )}
    </div>
  );
}

type TextField = 'salt' | 'cookieName' | 'sessionClass' | 'maxAge';

function Field(props: {
  label: string;
  name: TextField;
  fields: PasteFields;
  set: (name: TextField, value: string) => void;
  placeholder?: string;
  inputMode?: 'numeric';
}) {
  return (
    <label>
      {props.label}
      <input
        type="text"
        data-testid={`paste-${props.name}`}
        value={props.fields[props.name]}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        spellcheck={false}
        onInput={(e) => props.set(props.name, e.currentTarget.value)}
      />
    </label>
  );
}
