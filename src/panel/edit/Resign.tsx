// "Edit and re-sign" beside a decoded signed value: the editor (SignedEditor.tsx, with core's
// writers) loads when first opened, so the panel's first load carries none of it.
import { useState } from 'preact/hooks';
import { kindName } from '../../core/index';
import { lazyComponent } from '../ui/lazy';
import type { SignedEditorProps } from './SignedEditor';

const SignedEditor = lazyComponent(async () => (await import('./SignedEditor')).SignedEditor);

export function Resign(props: SignedEditorProps) {
  const [open, setOpen] = useState(false);
  // A session key or a CSRF token is not signed: nothing to offer.
  if (!kindName(props.report.kind).signed) return null;
  if (!open) {
    return (
      <button type="button" class="sl-button" data-testid="resign-open" onClick={() => setOpen(true)}>
        Edit and re-sign
      </button>
    );
  }
  return <SignedEditor {...props} onClose={() => setOpen(false)} />;
}
