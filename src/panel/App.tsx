import { useEffect, useState } from 'preact/hooks';
import { CookiesTab } from './cookies/CookiesTab';
import { useCompanion } from './hooks/useCompanion';
import { useCookies } from './hooks/useCookies';
import { useDecoded } from './hooks/useDecoded';
import { useInspectedSite } from './hooks/useInspectedSite';
import { useKeys } from './hooks/useKeys';
import { useNow } from './hooks/useNow';
import { useSettings } from './hooks/useSettings';
import { KeysTab } from './keys/KeysTab';
import { EMPTY_DRAFT, PasteTab } from './paste/PasteTab';
import { PermissionBanner } from './permissions/PermissionBanner';
import { usePermission } from './permissions/usePermission';
import { SessionTab } from './session/SessionTab';
import { panelTitle, sessionVerdict } from './title';
import { type TabDef, Tabs } from './ui/Tabs';

type TabId = 'session' | 'cookies' | 'decode' | 'keys';

const TABS: readonly TabDef<TabId>[] = [
  { id: 'session', label: 'Session' },
  { id: 'cookies', label: 'Cookies' },
  { id: 'decode', label: 'Decode' },
  { id: 'keys', label: 'Keys' },
];

function initialTab(search: string): TabId {
  const asked = new URLSearchParams(search).get('tab');
  return TABS.find((t) => t.id === asked)?.id ?? 'session';
}

export function App() {
  const site = useInspectedSite();
  const now = useNow();
  const { settings, update: updateSettings } = useSettings(site.origin);
  const keys = useKeys(site.origin);
  const { permission, refresh: refreshPermission } = usePermission(site.origin);
  const cookies = useCookies(site.origin === null ? null : site.url);
  const sessionCookie = cookies.cookies.find((c) => c.name === settings.sessionCookieName) ?? null;
  const report = useDecoded(sessionCookie?.value ?? null, sessionCookie?.name ?? null, keys.keys, now);
  // Until the site is allowed, the companion cannot be reached: stay idle rather than report an error.
  const companionOrigin = permission.status === 'granted' ? site.origin : null;
  const {
    companion,
    refreshing: companionRefreshing,
    refresh: refreshCompanion,
  } = useCompanion(companionOrigin, sessionCookie?.value ?? null, settings, site.tabId);
  const [tab, setTab] = useState<TabId>(() => initialTab(location.search));
  // The Decode tab unmounts when another tab is shown: what was pasted lives here.
  const [pasteDraft, setPasteDraft] = useState(EMPTY_DRAFT);

  const verdict = sessionVerdict(settings.sessionCookieName, sessionCookie, report);
  const title = panelTitle(cookies.cookies.length, verdict, companion);
  useEffect(() => {
    document.title = title;
  }, [title]);

  const onGranted = () => {
    refreshPermission();
    void cookies.refresh();
    refreshCompanion();
  };

  return (
    <>
      <Tabs tabs={TABS} active={tab} onSelect={setTab}>
        <span class="sl-site" data-testid="inspected-url" title={site.url ?? ''}>
          {site.origin ?? ''}
        </span>
      </Tabs>
      <div class="sl-body" id={`tabpanel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {site.error !== null && (
          <div class="sl-notice error" data-testid="site-error">
            {site.error}
          </div>
        )}
        {site.error === null && site.url !== null && site.origin === null && tab !== 'decode' && (
          <div class="sl-notice" data-testid="not-http">
            Sessionlens inspects http(s) pages. Load your Django site in this tab; the Decode tab works on any
            pasted value meanwhile.
          </div>
        )}
        {site.origin !== null && tab !== 'decode' && (
          <PermissionBanner origin={site.origin} permission={permission} onGranted={onGranted} />
        )}
        {tab === 'session' && (
          <SessionTab
            cookie={sessionCookie}
            sessionCookieName={settings.sessionCookieName}
            report={report}
            companion={companion}
            refreshing={companionRefreshing}
            now={now}
            onRefreshCompanion={refreshCompanion}
          />
        )}
        {tab === 'cookies' && (
          <CookiesTab
            url={site.origin === null ? null : site.url}
            state={cookies}
            sessionCookieName={settings.sessionCookieName}
            keys={keys.keys}
            now={now}
            salts={settings.cookieSalts}
            onSalt={(name, salt) =>
              void updateSettings({ cookieSalts: { ...settings.cookieSalts, [name]: salt } })
            }
          />
        )}
        {tab === 'decode' && (
          <PasteTab keys={keys.keys} now={now} draft={pasteDraft} onDraft={setPasteDraft} />
        )}
        {tab === 'keys' && (
          <KeysTab
            origin={site.origin}
            keys={keys}
            settings={settings}
            onSettings={(p) => void updateSettings(p)}
          />
        )}
      </div>
    </>
  );
}
