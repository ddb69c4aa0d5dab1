// One change of one request, as a line: values shown as the session tree shows them (type label,
// Python spelling, quoted and made-visible strings), masked where the tree masks. Every string is
// a text node: session data is attacker-writable.
import {
  EXPIRY_RULE_TEXT,
  formatDuration,
  type PyValue,
  pyRepr,
  type SessionChange,
  type SessionUser,
  type SnapshotExpiry,
} from '../../core/index';
import { isContainer, MASK, scalarText, summary, typeLabel } from '../decoded/tree-model';
import { clipped, visibleText } from '../ui/visible-text';
import { isSensitivePath, shortKey } from './view';

interface ChangeLineProps {
  change: SessionChange;
  revealed: boolean;
  onReveal: () => void;
}

export function ChangeLine({ change, revealed, onReveal }: ChangeLineProps) {
  return (
    <li
      class={`sl-change sl-change-${change.kind}${change.kind === 'user' ? ` sl-change-user-${change.change}` : ''}`}
      data-testid="timeline-change"
      data-kind={change.kind}
    >
      <ChangeText change={change} revealed={revealed} onReveal={onReveal} />
    </li>
  );
}

function ChangeText({ change, revealed, onReveal }: ChangeLineProps) {
  const value = (v: PyValue, path: readonly string[]) =>
    !revealed && isSensitivePath(path) ? (
      <button
        type="button"
        class="sl-masked"
        data-testid="timeline-masked"
        aria-label={`Reveal ${path.join('/')}`}
        onClick={onReveal}
      >
        {MASK}
      </button>
    ) : (
      <Value value={v} />
    );
  switch (change.kind) {
    case 'created':
      return <>Session created</>;
    case 'flushed':
      return <>Session flushed: the browser holds no session cookie now</>;
    case 'key-rotated':
      return (
        <>
          Session key rotated: <code>{shortKey(change.before) ?? '—'}</code> →{' '}
          <code>{shortKey(change.after) ?? '—'}</code>
        </>
      );
    case 'added':
      return (
        <>
          <span class="sl-change-sign">+</span> <Path path={change.path} />:{' '}
          {value(change.value, change.path)}
        </>
      );
    case 'removed':
      return (
        <>
          <span class="sl-change-sign">−</span> <Path path={change.path} />: {value(change.old, change.path)}
        </>
      );
    case 'changed':
      return (
        <>
          <span class="sl-change-sign">~</span> <Path path={change.path} />: {value(change.old, change.path)}{' '}
          → {value(change.value, change.path)}
        </>
      );
    case 'expiry':
      return <>{expiryText(change.before, change.after)}</>;
    case 'user':
      return <>{userText(change.change, change.before, change.after)}</>;
  }
}

function Path({ path }: { path: readonly string[] }) {
  return <span class="sl-tree-key">{visibleText(path.join(' › '))}</span>;
}

/**
 * A value as a collapsed tree row shows it: its type, then the value — a container by its size
 * only, so nothing inside it (a masked key, a value built to be huge) is shown or walked here;
 * the entry's moment shows it whole, in the tree.
 */
function Value({ value }: { value: PyValue }) {
  if (isContainer(value)) {
    return (
      <span class="sl-change-value">
        <span class="sl-type">{typeLabel(value)}</span>{' '}
        <span class={`sl-tree-value sl-v-${value.t}`}>{summary(value)}</span>
      </span>
    );
  }
  const text = value.t === 'str' ? visibleText(clipped(value.v, 120).shown) : scalarText(value);
  const more = value.t === 'str' ? clipped(value.v, 120).more : 0;
  return (
    <span class="sl-change-value">
      <span class="sl-type">{typeLabel(value)}</span>{' '}
      <span class={`sl-tree-value sl-v-${value.t}`}>
        {value.t === 'str' ? `"${text}${more > 0 ? '…' : ''}"` : text}
      </span>
    </span>
  );
}

function customText(custom: PyValue | null): string {
  if (custom === null) return 'no set_expiry()';
  return `set_expiry(${custom.t === 'str' || custom.t === 'datetime' ? custom.v : pyRepr(custom)})`;
}

function expiryText(before: SnapshotExpiry | null, after: SnapshotExpiry): string {
  const now = after.atBrowserClose
    ? 'ends when the browser closes'
    : after.custom?.t === 'int' && after.custom.v !== '0'
      ? `${formatDuration(Number(after.custom.v))} of inactivity`
      : EXPIRY_RULE_TEXT[after.rule];
  const was = before === null ? '' : ` (was ${customText(before.custom)}: ${EXPIRY_RULE_TEXT[before.rule]})`;
  return `Expiry: ${customText(after.custom)} — decided by ${EXPIRY_RULE_TEXT[after.rule]}; ${now}${was}`;
}

function who(u: SessionUser | null): string {
  if (u === null || u.id === null) return 'nobody';
  return u.username === null ? `user id ${u.id}` : `${u.username} (id ${u.id})`;
}

function userText(change: string, before: SessionUser | null, after: SessionUser | null): string {
  switch (change) {
    case 'login':
      return `Logged in: ${who(after)}`;
    case 'logout':
      return `Logged out: ${who(before)}`;
    case 'switched':
      return `User changed: ${who(before)} → ${who(after)}`;
    default:
      return `${who(after)} logged out by a password change: the auth hash no longer matches`;
  }
}
