import { useCallback, useEffect, useState } from 'preact/hooks';
import { request } from '../../messaging/request';
import { useBroadcast } from '../hooks/broadcasts';

export type PermissionView =
  | { status: 'unknown' }
  | { status: 'granted' }
  | { status: 'missing'; pattern: string }
  | { status: 'error'; message: string };

export function usePermission(origin: string | null): { permission: PermissionView; refresh: () => void } {
  const [permission, setPermission] = useState<PermissionView>({ status: 'unknown' });
  const refresh = useCallback(() => {
    if (origin === null) {
      setPermission({ status: 'unknown' });
      return;
    }
    void request('permissionState', { origin }).then((res) => {
      if (!res.ok) setPermission({ status: 'error', message: res.message });
      else
        setPermission(
          res.value.granted ? { status: 'granted' } : { status: 'missing', pattern: res.value.pattern },
        );
    });
  }, [origin]);
  useEffect(refresh, [refresh]);
  useBroadcast((m) => {
    if (m.broadcast === 'permissionsChanged') refresh();
  });
  return { permission, refresh };
}
