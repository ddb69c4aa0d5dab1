import { AllowButton } from './AllowButton';
import type { PermissionView } from './usePermission';

export function PermissionBanner({
  origin,
  permission,
  onGranted,
}: {
  origin: string;
  permission: PermissionView;
  onGranted: () => void;
}) {
  if (permission.status !== 'missing') return null;
  return (
    <div class="sl-notice" data-testid="permission-banner">
      <p>
        Sessionlens reads cookies of <span class="sl-mono">localhost</span> and{' '}
        <span class="sl-mono">127.0.0.1</span> only, until you allow another site. Allowing{' '}
        <span class="sl-mono">{permission.pattern}</span> lets it read this site's cookies and ask its
        Sessionlens companion; nothing is sent anywhere else.
      </p>
      <p>
        <AllowButton origin={origin} onGranted={onGranted} />
      </p>
    </div>
  );
}
