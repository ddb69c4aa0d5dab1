// Open/closed state of collapsible sections that outlives the component: the Session tab's
// sections unmount whenever the companion is asked again or the tab is switched, and a section
// the reader opened must still be open afterwards. Kept for the panel's lifetime, per section.
import { useState } from 'preact/hooks';

const remembered = new Map<string, boolean>();

/** [open, setOpen] for the section `key`, starting from `initial` until the reader toggles it. */
export function useStickyOpen(key: string, initial = false): [boolean, (open: boolean) => void] {
  const [open, setLocal] = useState(() => remembered.get(key) ?? initial);
  const set = (next: boolean) => {
    remembered.set(key, next);
    setLocal(next);
  };
  return [open, set];
}

/** Tests start each case from closed sections. */
export function forgetStickyOpen(): void {
  remembered.clear();
}
