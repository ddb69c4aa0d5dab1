import type { ComponentChildren } from 'preact';

export interface TabDef<T extends string> {
  id: T;
  label: string;
}

/** A WAI-ARIA tab strip: arrows move between tabs, like the DevTools' own. */
export function Tabs<T extends string>({
  tabs,
  active,
  onSelect,
  children,
}: {
  tabs: readonly TabDef<T>[];
  active: T;
  onSelect: (id: T) => void;
  children?: ComponentChildren;
}) {
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === active);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = tabs[(i + step + tabs.length) % tabs.length];
    if (next) {
      onSelect(next.id);
      document.getElementById(`tab-${next.id}`)?.focus();
    }
  };
  return (
    <div class="sl-tabs" role="tablist" onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          id={`tab-${t.id}`}
          type="button"
          role="tab"
          class="sl-tab"
          data-testid={`tab-${t.id}`}
          aria-selected={t.id === active}
          aria-controls={`tabpanel-${t.id}`}
          tabIndex={t.id === active ? 0 : -1}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
      {children}
    </div>
  );
}
