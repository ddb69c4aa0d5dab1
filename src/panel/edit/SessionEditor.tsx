// Editing the server-side session through the companion (issue 12): edit, add and delete keys, set
// the expiry, flush, cycle the key. Each write is first shown as the SessionBase call and what
// Django will do, and runs only on a second click; a refusal shows the companion's own message
// and keeps what was typed. Values are JSON (TaggedJson for Python values), checked as typed.
import { useState } from 'preact/hooks';
import type { CompanionSession, CompanionWrite } from '../../core/index';
import type { WriteOutcome } from './apply-write';
import { readEditorValue } from './json-value';
import { whatDjangoDoes, writeCall } from './what-django-does';
import './edit.css';

export type OnWrite = (write: CompanionWrite) => Promise<WriteOutcome>;

interface Draft {
  /** null: a new key (typed in `newKey`). */
  key: string | null;
  newKey: string;
  text: string;
}

export function SessionEditor({ session, onWrite }: { session: CompanionSession; onWrite: OnWrite }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [pending, setPending] = useState<CompanionWrite | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; op: CompanionWrite['op'] } | null>(
    null,
  );

  const ask = (write: CompanionWrite) => {
    setOutcome(null);
    setPending(write);
  };
  const run = async () => {
    if (pending === null) return;
    setBusy(true);
    const result = await onWrite(pending);
    setBusy(false);
    setPending(null);
    if (result.ok) {
      // Only a write that went through closes the editor: after a refusal the text stays.
      if (pending.op === 'set' || pending.op === 'delete') setDraft(null);
      setOutcome({ ok: true, text: `Done: ${writeCall(pending)}`, op: pending.op });
    } else {
      setOutcome({ ok: false, text: result.message, op: pending.op });
    }
  };

  // The question and the answer show beside what asked: a key's under the keys, the rest under
  // the session-wide actions.
  const op = pending?.op ?? outcome?.op;
  const place = op === 'set' || op === 'delete' ? 'keys' : 'session';
  const feedback = (
    <>
      {pending !== null && (
        <div class="sl-edit-confirm" role="alertdialog" data-testid="edit-confirm" data-op={pending.op}>
          <p data-testid="edit-confirm-text">{whatDjangoDoes(pending, session.engine)}</p>
          <button
            type="button"
            class="sl-button primary"
            data-testid="edit-confirm-yes"
            disabled={busy}
            onClick={() => void run()}
          >
            {busy ? 'Writing…' : `Confirm ${pending.op}`}
          </button>
          <button
            type="button"
            class="sl-button"
            data-testid="edit-confirm-no"
            disabled={busy}
            onClick={() => setPending(null)}
          >
            Cancel
          </button>
        </div>
      )}
      {outcome !== null && (
        <p
          class={outcome.ok ? 'sl-tone-ok' : 'sl-banner sl-banner-error'}
          data-testid={outcome.ok ? 'edit-done' : 'edit-error'}
        >
          {outcome.text}
        </p>
      )}
    </>
  );

  const keys = Object.keys(session.data);
  return (
    <div class="sl-edit" data-testid="session-edit">
      <div class="sl-section-title">Edit the session</div>
      {keys.length === 0 ? (
        <p class="sl-muted">The session holds no keys.</p>
      ) : (
        <ul class="sl-edit-keys">
          {keys.map((key) => (
            <li key={key} data-testid="edit-key-row" data-key={key}>
              <code class="sl-edit-key">{key}</code>
              <button
                type="button"
                class="sl-button"
                data-testid="edit-key-edit"
                onClick={() => {
                  setOutcome(null);
                  setDraft({ key, newKey: '', text: JSON.stringify(session.data[key], null, 2) });
                }}
              >
                Edit
              </button>
              <button
                type="button"
                class="sl-button danger"
                data-testid="edit-key-delete"
                onClick={() => ask({ op: 'delete', key })}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {draft === null ? (
        <button
          type="button"
          class="sl-button"
          data-testid="edit-add"
          onClick={() => {
            setOutcome(null);
            setDraft({ key: null, newKey: '', text: '' });
          }}
        >
          Add a key
        </button>
      ) : (
        <ValueEditor draft={draft} onDraft={setDraft} onSave={ask} onCancel={() => setDraft(null)} />
      )}
      {place === 'keys' && feedback}
      <ExpiryEditor onSave={ask} />
      <div class="sl-edit-actions">
        <button
          type="button"
          class="sl-button danger"
          data-testid="edit-flush"
          onClick={() => ask({ op: 'flush' })}
        >
          Flush
        </button>
        <button
          type="button"
          class="sl-button"
          data-testid="edit-cycle-key"
          onClick={() => ask({ op: 'cycle_key' })}
        >
          Cycle key
        </button>
      </div>
      {place === 'session' && feedback}
    </div>
  );
}

function ValueEditor({
  draft,
  onDraft,
  onSave,
  onCancel,
}: {
  draft: Draft;
  onDraft: (d: Draft) => void;
  onSave: (write: CompanionWrite) => void;
  onCancel: () => void;
}) {
  const read = readEditorValue(draft.text);
  const key = draft.key ?? draft.newKey;
  const keyProblem = draft.key === null && key === '' ? 'Name the key.' : null;
  return (
    <div class="sl-edit-value" data-testid="edit-editor">
      {draft.key === null ? (
        <label class="sl-edit-field">
          key{' '}
          <input
            type="text"
            class="sl-mono"
            data-testid="edit-new-key"
            value={draft.newKey}
            spellcheck={false}
            onInput={(e) => onDraft({ ...draft, newKey: e.currentTarget.value })}
          />
        </label>
      ) : (
        <div>
          <code class="sl-edit-key">{draft.key}</code> =
        </div>
      )}
      <textarea
        class="sl-mono"
        data-testid="edit-value"
        aria-label="The value, as JSON"
        aria-invalid={!read.ok}
        spellcheck={false}
        rows={Math.min(12, Math.max(3, draft.text.split('\n').length))}
        value={draft.text}
        onInput={(e) => onDraft({ ...draft, text: e.currentTarget.value })}
      />
      <p
        class={read.ok ? 'sl-muted' : 'sl-tone-error'}
        data-testid="edit-value-problem"
        data-ok={String(read.ok)}
      >
        {read.ok
          ? 'Valid JSON. Python values as {"$py": "datetime", "value": "2026-01-01T00:00:00+00:00"}, {"$py": "int", "value": "…"}, …'
          : read.problem}
      </p>
      <div class="sl-edit-actions">
        <button
          type="button"
          class="sl-button primary"
          data-testid="edit-save"
          disabled={!read.ok || keyProblem !== null}
          title={keyProblem ?? undefined}
          onClick={() => read.ok && onSave({ op: 'set', key, value: read.value })}
        >
          Save
        </button>
        <button type="button" class="sl-button" data-testid="edit-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

type ExpiryMode = 'seconds' | 'browser-close' | 'date' | 'default';

/** SessionBase.set_expiry(): seconds, 0 (browser close), a datetime, or None (the site's default). */
function ExpiryEditor({ onSave }: { onSave: (write: CompanionWrite) => void }) {
  const [mode, setMode] = useState<ExpiryMode>('seconds');
  const [seconds, setSeconds] = useState('300');
  const [date, setDate] = useState('');
  const value = expiryValue(mode, seconds, date);
  return (
    <div class="sl-edit-expiry">
      <label class="sl-edit-field">
        set_expiry{' '}
        <select
          data-testid="edit-expiry-mode"
          value={mode}
          onChange={(e) => setMode(e.currentTarget.value as ExpiryMode)}
        >
          <option value="seconds">in seconds</option>
          <option value="browser-close">at browser close (0)</option>
          <option value="date">at a date</option>
          <option value="default">the site's default (None)</option>
        </select>
      </label>
      {mode === 'seconds' && (
        <input
          type="number"
          step="1"
          data-testid="edit-expiry-seconds"
          aria-label="Seconds"
          value={seconds}
          onInput={(e) => setSeconds(e.currentTarget.value)}
        />
      )}
      {mode === 'date' && (
        <input
          type="datetime-local"
          data-testid="edit-expiry-date"
          aria-label="Date and time (your time zone)"
          value={date}
          onInput={(e) => setDate(e.currentTarget.value)}
        />
      )}
      <button
        type="button"
        class="sl-button"
        data-testid="edit-expiry-apply"
        disabled={value === undefined}
        onClick={() => value !== undefined && onSave({ op: 'set_expiry', value })}
      >
        Set expiry
      </button>
    </div>
  );
}

/** The set_expiry argument, or undefined while the input is not one. */
function expiryValue(mode: ExpiryMode, seconds: string, date: string): number | string | null | undefined {
  switch (mode) {
    case 'browser-close':
      return 0;
    case 'default':
      return null;
    case 'seconds': {
      const n = Number(seconds);
      return seconds.trim() !== '' && Number.isSafeInteger(n) ? n : undefined;
    }
    case 'date': {
      // datetime-local is the user's wall clock: sent as UTC with an explicit offset, which
      // fromisoformat reads on every Python the companion supports (3.10 does not read "Z").
      const when = new Date(date);
      return date === '' || Number.isNaN(when.getTime())
        ? undefined
        : when.toISOString().replace('Z', '+00:00');
    }
  }
}
