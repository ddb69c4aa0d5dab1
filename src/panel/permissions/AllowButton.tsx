import { useState } from 'preact/hooks';
import { request } from '../../messaging/request';
import { canRequestPermissions, requestOriginPermission } from '../../platform/index';

/**
 * The one button that grants Sessionlens a site. permissions.request must run in the click's
 * user gesture; where a DevTools panel has no permissions API (Firefox), the background opens
 * a tab holding this same button.
 */
export function AllowButton({ origin, onGranted }: { origin: string; onGranted?: () => void }) {
  const [refused, setRefused] = useState(false);
  const onClick = () => {
    if (!canRequestPermissions()) {
      void request('openGrantPage', { origin });
      return;
    }
    requestOriginPermission(origin).then(
      (granted) => {
        setRefused(!granted);
        if (granted) onGranted?.();
      },
      // The API exists but this page may not use it: ask from a tab instead.
      () => void request('openGrantPage', { origin }),
    );
  };
  return (
    <>
      <button type="button" class="sl-button primary" data-testid="allow-origin" onClick={onClick}>
        Allow Sessionlens on {origin}
      </button>
      {refused && (
        <span class="sl-warn" data-testid="allow-refused">
          {' '}
          Not granted. Sessionlens can only read cookies of sites you allow.
        </span>
      )}
    </>
  );
}
