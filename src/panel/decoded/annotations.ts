// The notes beside the keys Django itself writes (_auth_user_id, _session_expiry…), from the
// core's explainSession. The '(expiry)' summary is left out: the Session tab's expiry view says it.
import { explainSession, type PyValue, type SessionContext } from '../../core/index';

export interface Annotation {
  title: string;
  text: string;
}

export function sessionAnnotations(data: PyValue, ctx: SessionContext): Record<string, Annotation> {
  const out: Record<string, Annotation> = {};
  if (data.t !== 'dict') return out;
  for (const e of explainSession(data, ctx)) {
    if (e.key !== '(expiry)') out[e.key] = { title: e.title, text: e.text };
  }
  return out;
}
