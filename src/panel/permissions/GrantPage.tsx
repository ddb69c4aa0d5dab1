import { useEffect, useState } from 'preact/hooks';
import { AllowButton } from './AllowButton';

/** Opened in a tab by the background (`?grant=<origin>`) where the panel could not ask itself. */
export function GrantPage({ origin }: { origin: string }) {
  const [done, setDone] = useState(false);
  useEffect(() => {
    document.title = `Allow Sessionlens on ${origin}`;
  }, [origin]);
  return (
    <div class="sl-notice" data-testid="grant-page">
      <p>Sessionlens asks to read the cookies of {origin} and to reach its companion endpoint.</p>
      <p>
        {done ? <span class="sl-ok">Granted. You can close this tab and go back to DevTools.</span> : null}
      </p>
      {!done && <AllowButton origin={origin} onGranted={() => setDone(true)} />}
    </div>
  );
}
