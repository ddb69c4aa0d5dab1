import { devtools } from '../platform/index';

// Absolute paths: Firefox resolves relative ones against the devtools page, Chrome against the
// extension root, so only absolute ones mean the same file in both.
devtools()?.panels.create('Django session', '/icons/icon-32.png', '/src/panel/index.html');
