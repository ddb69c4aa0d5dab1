import { render } from 'preact';
import { App } from './App';
import { GrantPage } from './permissions/GrantPage';
import { StickyOpenMemory } from './ui/sticky';
import { followTheme } from './ui/theme';
import './ui/theme.css';

followTheme();
const root = document.getElementById('app');
const grant = new URLSearchParams(location.search).get('grant');
// One memory of open sections for the panel's lifetime (ui/sticky.ts).
const panel = (
  <StickyOpenMemory.Provider value={new Map()}>
    <App />
  </StickyOpenMemory.Provider>
);
// ?grant=<origin>: the tab the background opens where a devtools panel may not ask for permissions.
if (root) render(grant ? <GrantPage origin={grant} /> : panel, root);
