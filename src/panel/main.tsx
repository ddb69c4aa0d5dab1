import { render } from 'preact';
import { App } from './App';
import { GrantPage } from './permissions/GrantPage';
import { followTheme } from './ui/theme';
import './ui/theme.css';

followTheme();
const root = document.getElementById('app');
const grant = new URLSearchParams(location.search).get('grant');
// ?grant=<origin>: the tab the background opens where a devtools panel may not ask for permissions.
if (root) render(grant ? <GrantPage origin={grant} /> : <App />, root);
