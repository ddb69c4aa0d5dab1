// A component fetched with import() the first time it renders: the Cookies, Decode and Keys tabs
// stay out of the JS the panel loads before its first paint (issue 14: ≤ 40 KiB gzip), and load
// when first shown. No preact/compat (its lazy/Suspense would bring the whole compat layer).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return function Lazy(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState<Error | null>(null);
    useEffect(() => {
      if (component !== null) return;
      let live = true;
      loading ??= load().then((c) => {
        loaded = c;
        return c;
      });
      loading.then(
        (c) => live && setComponent(() => c),
        (e: unknown) => {
          // A failed chunk may load on the next try (the tab's "Try again").
          loading = null;
          if (live) setFailed(e instanceof Error ? e : new Error(String(e)));
        },
      );
      return () => {
        live = false;
      };
    }, [component]);
    // Thrown while rendering, so the tab's TabBoundary shows it like any other failure.
    if (failed !== null) throw failed;
    if (component === null) {
      return (
        <div class="sl-notice" data-testid="tab-loading">
          Loading…
        </div>
      );
    }
    const Loaded = component;
    return <Loaded {...props} />;
  };
}
