import { useEffect, useState } from 'preact/hooks';
import { type CookieChoice, cookieDjangoReads, sessionExpiry } from '../core/index';
import { siteCookieSettings } from './cookies/site-settings';
import { applyWrite } from './edit/apply-write';
import type { OnWrite } from './edit/SessionEditor';
import { useCompanion } from './hooks/useCompanion';
import { useCookies } from './hooks/useCookies';
import { useDecoded } from './hooks/useDecoded';
import { useInspectedSite } from './hooks/useInspectedSite';
import { useKeys } from './hooks/useKeys';
import { useNow } from './hooks/useNow';
import { useSettings } from './hooks/useSettings';
import { EMPTY_DRAFT } from './paste/draft';
import { PermissionBanner } from './permissions/PermissionBanner';
import { usePermission } from './permissions/usePermission';
import { sessionCookieName } from './session/cookie-name';
import { SessionTab } from './session/SessionTab';
import { useTimeline } from './timeline/useTimeline';
import { panelTitle, sessionVerdict } from './title';
import { lazyComponent } from './ui/lazy';
import { TabBoundary } from './ui/TabBoundary';
import { type TabDef, Tabs } from './ui/Tabs';

// Session, the tab the panel opens on, is in the first load; the others load when first shown.
const CookiesTab = lazyComponent(async () => (await import('./cookies/CookiesTab')).CookiesTab);
const PasteTab = lazyComponent(async () => (await import('./paste/PasteTab')).PasteTab);
const KeysTab = lazyComponent(async () => (await import('./keys/KeysTab')).KeysTab);
const TimelineTab = lazyComponent(async () => (await import('./timeline/TimelineTab')).TimelineTab);

type TabId = 'session' | 'timeline' | 'cookies' | 'decode' | 'keys';

const TABS: readonly TabDef<TabId>[] = [
  { id: 'session', label: 'Session' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'cookies', label: 'Cookies' },
  { id: 'decode', label: 'Decode' },
  { id: 'keys', label: 'Keys' },
];

const NO_CHOICE: CookieChoice = { read: null, ignored: [], ambiguous: false, notSent: [] };

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
  // SESSION_COOKIE_NAME as the companion last reported it for this site (a site-only answer
  // carries it too), unless Keys overrides it.
  const [learned, setLearned] = useState<{ origin: string; name: string } | null>(null);
  const cookieName = sessionCookieName(
    settings.sessionCookieName,
    learned !== null && learned.origin === site.origin ? learned.name : null,
  );
  // Several cookies may share the name (Path=/counter/ beside Path=/): the one Django reads.
  const choice: CookieChoice =
    site.origin === null || site.url === null
      ? NO_CHOICE
      : cookieDjangoReads(cookies.cookies, cookieName.name, site.url);
  const sessionCookie = choice.read;
  // Until the site is allowed, the companion cannot be reached: stay idle rather than report an error.
  const companionOrigin = permission.status === 'granted' ? site.origin : null;
  const {
    companion,
    refreshing: companionRefreshing,
    refresh: refreshCompanion,
  } = useCompanion(companionOrigin, sessionCookie?.value ?? null, settings, site.tabId);
  // The companion's SESSION_ENGINE tells `auto` what the session cookie holds (a signed_cookies
  // payload, or a key into the store) better than the value's shape can.
  const answered = companion.status === 'ok' || companion.status === 'site' ? companion.response : null;
  const report = useDecoded(
    sessionCookie?.value ?? null,
    sessionCookie?.name ?? null,
    keys.keys,
    now,
    '',
    answered === null
      ? undefined
      : {
          engine: answered.engine,
          sessionCookieName: answered.cookieName,
          messagesCookieName: answered.messagesCookieName,
        },
  );
  // Kept here, above the tabs: the timeline records while any tab is shown.
  const timeline = useTimeline({
    tabId: site.tabId,
    origin: site.origin,
    sessionCookieName: cookieName.name,
    keys: keys.keys,
    site: answered,
    companionPath: settings.companionPath,
    companionToken: settings.companionToken,
  });
  const reportedName =
    (companion.status === 'ok' || companion.status === 'site') &&
    typeof companion.response.cookieName === 'string'
      ? companion.response.cookieName
      : null;
  useEffect(() => {
    if (reportedName !== null && site.origin !== null)
      setLearned({ origin: site.origin, name: reportedName });
  }, [reportedName, site.origin]);
  const [tab, setTab] = useState<TabId>(() => initialTab(location.search));
  // The Decode tab unmounts when another tab is shown: what was pasted lives here.
  const [pasteDraft, setPasteDraft] = useState(EMPTY_DRAFT);

  const verdict = sessionVerdict(cookieName.name, sessionCookie, report);
  const cookiesReadable = cookies.error?.code !== 'no-permission';
  const title = panelTitle(cookiesReadable ? cookies.cookies.length : null, verdict, companion);
  useEffect(() => {
    document.title = title;
  }, [title]);

  // A write names the session the browser holds, as the companion's reads do; afterwards the
  // cookies and the companion are read again.
  const onWrite: OnWrite | undefined =
    companionOrigin === null
      ? undefined
      : async (write) => {
          const before = companion.status === 'ok' ? companion.response : null;
          const outcome = await applyWrite({
            via: 'companion',
            target: {
              origin: companionOrigin,
              path: settings.companionPath,
              sessionValue: sessionCookie?.value ?? '',
              token: settings.companionToken,
            },
            write,
          });
          if (outcome.ok && outcome.session !== undefined)
            timeline.recordWrite(write, before, outcome.session);
          // A new cookie value (cycle_key, flush, a re-signed signed_cookies session) refetches
          // by itself once the cookies are read again; the same value needs asking again.
          const sameValue =
            !outcome.ok || outcome.cookie === undefined || outcome.cookie?.value === sessionCookie?.value;
          if (sameValue) refreshCompanion();
          void cookies.refresh();
          return outcome;
        };

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
        {/* Keyed by tab: a tab that failed renders afresh when shown again. */}
        <TabBoundary key={tab} label={TABS.find((t) => t.id === tab)?.label ?? tab}>
          {tab === 'session' && (
            <SessionTab
              cookie={sessionCookie}
              choice={choice}
              pageUrl={site.origin === null ? null : site.url}
              cookiesReadable={cookiesReadable}
              sessionCookieName={cookieName.name}
              report={report}
              companion={companion}
              refreshing={companionRefreshing}
              now={now}
              onRefreshCompanion={refreshCompanion}
              {...(onWrite ? { onWrite } : {})}
              signingKey={keys.keys[0] ?? ''}
              onSetCookie={(cookie) =>
                applyWrite({ via: 'cookie', url: new URL(cookie.path, site.url ?? '').href, cookie })
              }
            />
          )}
          {tab === 'timeline' && (
            <TimelineTab timeline={timeline.timeline} onClear={timeline.clear} site={answered} />
          )}
          {tab === 'cookies' && (
            <CookiesTab
              url={site.origin === null ? null : site.url}
              state={cookies}
              sessionCookieName={cookieName.name}
              keys={keys.keys}
              now={now}
              sessionExpiry={sessionExpiry({
                cookie: sessionCookie,
                report,
                server: companion.status === 'ok' ? companion.response : null,
                now,
              })}
              salts={settings.cookieSalts}
              onSalt={(name, salt) =>
                void updateSettings({ cookieSalts: { ...settings.cookieSalts, [name]: salt } })
              }
              site={
                companion.status === 'ok' || companion.status === 'site'
                  ? siteCookieSettings(companion.response)
                  : null
              }
              {...(companion.status === 'ok'
                ? { sessionCustomExpiry: companion.response.expiry.custom !== null }
                : {})}
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
              companionCookieName={learned !== null && learned.origin === site.origin ? learned.name : null}
              onSettings={(p) => void updateSettings(p)}
            />
          )}
        </TabBoundary>
      </div>
    </>
  );
}
