// A PyValue as a DevTools-like tree: collapsible, filterable, secrets masked, known Django keys
// explained. Every string reaches the DOM as a text node (preact children, never innerHTML):
// session data is attacker-writable whenever the key is unknown or leaked.
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { type PyValue, toExactJson } from '../../core/index';
import { clipped, visibleText } from '../ui/visible-text';
import type { Annotation } from './annotations';
import { copyText } from './clipboard';
import {
  children,
  filterPaths,
  isContainer,
  MASK,
  maskedValue,
  rootNode,
  scalarText,
  summary,
  type TreeNode,
  typeLabel,
} from './tree-model';
import './decoded.css';

/** Children shown before a "show more" button: a 10 000-item list stays responsive. */
const PAGE = 200;
/** Opened on first sight; deeper levels wait for a click. */
const OPEN_DEPTH = 2;

export interface ValueTreeProps {
  value: PyValue;
  /** Notes shown beside top-level keys, e.g. `_auth_user_id` → "logged-in user id". */
  annotations?: Readonly<Record<string, Annotation>>;
  /** Prefix for data-testids when a view shows more than one tree. */
  testid?: string;
}

export function ValueTree({ value, annotations = {}, testid = 'tree' }: ValueTreeProps) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [shown, setShown] = useState<ReadonlyMap<string, number>>(new Map());
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const root = useMemo(() => rootNode(value), [value]);
  const q = query.trim();
  const kept = useMemo(() => (q ? filterPaths(root, q) : null), [root, q]);

  const isOpen = (n: TreeNode) => (kept ? true : (open.get(n.path) ?? n.depth < OPEN_DEPTH));
  const toggle = (n: TreeNode) => setOpen(new Map(open).set(n.path, !isOpen(n)));

  const rows: JSX.Element[] = [];
  const walk = (n: TreeNode, parentSensitive: boolean) => {
    if (kept && !kept.has(n.path)) return;
    const masked = n.sensitive && !parentSensitive && !revealed.has(n.path);
    const expandable = isContainer(n.value) && !masked;
    const expanded = expandable && isOpen(n);
    rows.push(
      <Row
        key={n.path}
        node={n}
        query={q}
        testid={testid}
        masked={masked}
        expandable={expandable}
        expanded={expanded}
        note={
          n.depth === 1 && n.key !== null && Object.hasOwn(annotations, n.key)
            ? (annotations[n.key] ?? null)
            : null
        }
        onToggle={() => toggle(n)}
        onReveal={() => setRevealed(new Set(revealed).add(n.path))}
      />,
    );
    if (!expanded) return;
    const all = children(n);
    const limit = kept ? all.length : (shown.get(n.path) ?? PAGE);
    for (const c of all.slice(0, limit)) walk(c, n.sensitive);
    if (all.length > limit) {
      rows.push(
        <div class="sl-tree-row" key={`${n.path}/…`} style={{ paddingLeft: `${(n.depth + 1) * 14 + 16}px` }}>
          <button
            type="button"
            class="sl-link"
            data-testid={`${testid}-more`}
            onClick={() => setShown(new Map(shown).set(n.path, limit + PAGE))}
          >
            show {Math.min(PAGE, all.length - limit)} more of {all.length - limit}
          </button>
        </div>,
      );
    }
  };
  walk(root, false);

  // What the screen masks stays masked on the clipboard until the reader reveals it.
  const copy = async () =>
    setCopied((await copyText(toExactJson(maskedValue(root, revealed), 2))) ? 'copied' : 'failed');

  return (
    <div class="sl-tree" data-testid={testid}>
      <div class="sl-tree-toolbar">
        <input
          type="search"
          class="sl-input"
          placeholder="Filter keys and values"
          aria-label="Filter keys and values"
          data-testid={`${testid}-filter`}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <button type="button" class="sl-button" data-testid={`${testid}-copy-json`} onClick={copy}>
          Copy as JSON
        </button>
        {copied !== 'idle' && (
          <span class="sl-muted" role="status">
            {copied === 'copied' ? 'Copied' : 'Copy failed'}
          </span>
        )}
      </div>
      <div role="tree" class="sl-tree-rows">
        {rows}
        {kept && kept.size === 0 && (
          <div class="sl-muted" data-testid={`${testid}-no-match`}>
            Nothing matches “{q}”.
          </div>
        )}
      </div>
    </div>
  );
}

interface RowProps {
  node: TreeNode;
  query: string;
  testid: string;
  masked: boolean;
  expandable: boolean;
  expanded: boolean;
  note: Annotation | null;
  onToggle: () => void;
  onReveal: () => void;
}

function Row({ node, query, testid, masked, expandable, expanded, note, onToggle, onReveal }: RowProps) {
  const v = node.value;
  const unsafe = v.t === 'object' && v.unsafe;
  return (
    // biome-ignore lint/a11y/useFocusableInteractive: a row is not a focus stop of its own; its twisty and reveal buttons are, one Tab stop per control.
    <div
      role="treeitem"
      aria-expanded={expandable ? expanded : undefined}
      aria-level={node.depth + 1}
      class={`sl-tree-row${unsafe ? ' sl-unsafe' : ''}`}
      data-testid={`${testid}-row`}
      data-path={node.path}
      style={{ paddingLeft: `${node.depth * 14}px` }}
    >
      {expandable ? (
        <button
          type="button"
          class="sl-twisty"
          aria-expanded={expanded}
          aria-label={`${expanded ? 'Collapse' : 'Expand'} ${node.key ?? 'root'}`}
          data-testid={`${testid}-toggle`}
          onClick={onToggle}
        >
          {expanded ? '▾' : '▸'}
        </button>
      ) : (
        <span class="sl-twisty-space" />
      )}
      {node.key !== null && (
        <span class="sl-tree-key" data-testid={`${testid}-key`}>
          <Highlight text={visibleText(node.key)} query={query} />
        </span>
      )}
      {node.key !== null && <span class="sl-muted">: </span>}
      <span class="sl-type">{typeLabel(v)}</span>
      {masked ? (
        <button
          type="button"
          class="sl-masked"
          aria-label={`Reveal ${node.key ?? 'value'}`}
          data-testid={`${testid}-masked`}
          onClick={onReveal}
        >
          {MASK}
        </button>
      ) : (
        <span class={`sl-tree-value sl-v-${v.t}`} data-testid={`${testid}-value`}>
          {v.t === 'str' ? (
            <StrValue text={v.v} query={query} />
          ) : isContainer(v) ? (
            summary(v)
          ) : (
            <Highlight text={scalarText(v)} query={query} />
          )}
        </span>
      )}
      {unsafe && <span class="sl-badge sl-badge-error">runs code if unpickled</span>}
      {note && (
        <span class="sl-note" data-testid={`${testid}-note`} title={note.text}>
          {note.title}: {note.text}
        </span>
      )}
    </div>
  );
}

/** A str as the site wrote it, made visible (ui/visible-text.ts): quoted, clipped, escapes spelled. */
function StrValue({ text, query }: { text: string; query: string }) {
  const { shown, more } = clipped(text);
  return (
    <>
      "<Highlight text={visibleText(shown)} query={query} />
      {more > 0 ? (
        <span class="sl-muted" title="Copy as JSON copies the whole value">
          … {more.toLocaleString('en')} more characters
        </span>
      ) : (
        '"'
      )}
    </>
  );
}

/** Splits on the query and marks the matches; every part stays a text node. */
function Highlight({ text, query }: { text: string; query: string }) {
  if (!query) return <>{text}</>;
  const lower = text.toLowerCase();
  const q = query.toLowerCase();
  const parts: JSX.Element[] = [];
  let at = 0;
  for (let i = lower.indexOf(q); i !== -1; i = lower.indexOf(q, at)) {
    if (i > at) parts.push(<span key={at}>{text.slice(at, i)}</span>);
    parts.push(<mark key={`m${i}`}>{text.slice(i, i + q.length)}</mark>);
    at = i + q.length;
  }
  parts.push(<span key={at}>{text.slice(at)}</span>);
  return <>{parts}</>;
}
