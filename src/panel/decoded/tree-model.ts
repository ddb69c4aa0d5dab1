// The PyValue tree as rows: paths, labels, what is sensitive, what a filter keeps. No DOM here,
// so the rules are tested on their own.
import { type PyValue, pyRepr } from '../../core/index';

export interface TreeNode {
  /** JSON-Pointer-like: "" for the root, "/cart/0", "/a~1b" for the key "a/b". */
  path: string;
  depth: number;
  /** The dict key / index / object part; null for the root. */
  key: string | null;
  value: PyValue;
  /** Its own key, or an ancestor's, names a secret: shown as •••••• until revealed. */
  sensitive: boolean;
}

/** `_auth_user_hash`, and keys that name credentials (Django's own SafeExceptionReporterFilter
 * hides settings matching API|TOKEN|KEY|SECRET|PASS|SIGNATURE the same way). */
const SENSITIVE_KEY = /password|passwd|token|secret|key|csrf|_auth_user_hash|signature/i;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

export function typeLabel(v: PyValue): string {
  return v.t === 'none' ? 'None' : v.t;
}

export function isContainer(v: PyValue): boolean {
  return (
    v.t === 'dict' ||
    v.t === 'list' ||
    v.t === 'tuple' ||
    v.t === 'set' ||
    v.t === 'frozenset' ||
    v.t === 'object'
  );
}

/** A scalar as the reader wants to see it: strings unquoted (the row shows the quotes), Python
 * spellings for None/True/False, Python's repr for bytes. */
export function scalarText(v: PyValue): string {
  switch (v.t) {
    case 'none':
      return 'None';
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'str':
    case 'int':
    case 'float':
    case 'datetime':
    case 'date':
    case 'time':
    case 'timedelta':
    case 'decimal':
    case 'uuid':
      return v.v;
    case 'bytes':
      return pyRepr(v);
    default:
      return '';
  }
}

export function summary(v: PyValue): string {
  switch (v.t) {
    case 'dict':
      return `{${v.entries.length}}`;
    case 'list':
      return `[${v.items.length}]`;
    case 'tuple':
      return `(${v.items.length})`;
    case 'set':
    case 'frozenset':
      return `{${v.items.length}}`;
    case 'object':
      return `${v.cls}(…)`;
    default:
      return scalarText(v);
  }
}

function keyText(k: PyValue): string {
  return k.t === 'str' ? k.v : pyRepr(k);
}

const escapeSegment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The children of a container, with the key each is shown under. */
export function childEntries(v: PyValue): Array<[string, PyValue]> {
  switch (v.t) {
    case 'dict':
      return v.entries.map(([k, val]) => [keyText(k), val]);
    case 'list':
    case 'tuple':
    case 'set':
    case 'frozenset':
      return v.items.map((item, i) => [String(i), item]);
    case 'object': {
      const out: Array<[string, PyValue]> = v.args.map((a, i) => [`arg ${i}`, a]);
      if (v.state) out.push(['state', v.state]);
      return out;
    }
    default:
      return [];
  }
}

export function children(node: TreeNode): TreeNode[] {
  return childEntries(node.value).map(([key, value]) => ({
    path: `${node.path}/${escapeSegment(key)}`,
    depth: node.depth + 1,
    key,
    value,
    sensitive: node.sensitive || (node.value.t === 'dict' && isSensitiveKey(key)),
  }));
}

export function rootNode(value: PyValue): TreeNode {
  return { path: '', depth: 0, key: null, value, sensitive: false };
}

/**
 * Which paths a filter keeps: a node whose key or scalar text contains the query, every ancestor
 * of one (to reach it), every descendant of one (its content). Values of sensitive nodes are
 * not searched: a filter must not reveal a masked secret by what it keeps.
 */
export function filterPaths(root: TreeNode, query: string): Set<string> {
  const q = query.toLowerCase();
  const keep = new Set<string>();
  const keepAll = (n: TreeNode) => {
    keep.add(n.path);
    for (const c of children(n)) keepAll(c);
  };
  const visit = (n: TreeNode): boolean => {
    const self =
      n.key?.toLowerCase().includes(q) ||
      (!n.sensitive && !isContainer(n.value) && scalarText(n.value).toLowerCase().includes(q));
    if (self) {
      keepAll(n);
      return true;
    }
    let any = false;
    for (const c of children(n)) any = visit(c) || any;
    if (any) keep.add(n.path);
    return any;
  };
  visit(root);
  return keep;
}

/** What a masked value reads as, on screen and on the clipboard. */
export const MASK = '••••••';

/**
 * The value as the screen shows it: every sensitive node the reader has not revealed replaced by
 * MASK, so Copy as JSON never puts more on the clipboard than the tree shows.
 */
export function maskedValue(root: TreeNode, revealed: ReadonlySet<string>): PyValue {
  const visit = (n: TreeNode, parentSensitive: boolean): PyValue => {
    if (n.sensitive && !parentSensitive && !revealed.has(n.path)) return { t: 'str', v: MASK };
    const kids = children(n);
    const v = n.value;
    switch (v.t) {
      case 'dict':
        return {
          t: 'dict',
          entries: v.entries.map(([k], i) => [k, visit(kids[i] as TreeNode, n.sensitive)]),
        };
      case 'list':
      case 'tuple':
      case 'set':
      case 'frozenset':
        return { t: v.t, items: kids.map((c) => visit(c, n.sensitive)) };
      case 'object': {
        const args = v.args.map((_, i) => visit(kids[i] as TreeNode, n.sensitive));
        const state =
          v.state && kids[v.args.length] ? visit(kids[v.args.length] as TreeNode, n.sensitive) : v.state;
        return { ...v, args, state };
      }
      default:
        return v;
    }
  };
  return visit(root, false);
}
