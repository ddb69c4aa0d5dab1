// Open/closed state of collapsible sections that outlives the component: the Session tab's
// sections unmount whenever the companion is asked again or the tab is switched, and a section
// the reader opened must still be open afterwards. The memory (StickyOpenMemory) is given once per
// panel by main.tsx, so it lasts as long as the panel; outside it a section remembers nothing.
import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';

export const StickyOpenMemory = createContext<Map<string, boolean> | null>(null);

/** [open, setOpen] for the section `key`, starting from `initial` until the reader toggles it. */
export function useStickyOpen(key: string, initial = false): [boolean, (open: boolean) => void] {
  const memory = useContext(StickyOpenMemory);
  const [open, setLocal] = useState(() => memory?.get(key) ?? initial);
  const set = (next: boolean) => {
    memory?.set(key, next);
    setLocal(next);
  };
  return [open, set];
}
