// The background entry (service worker in Chrome, event page in Firefox).
import { startBackground } from './start';

startBackground();
