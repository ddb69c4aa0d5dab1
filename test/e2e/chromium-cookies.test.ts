import { walkCookieStories } from './cookie-stories';

walkCookieStories('chromium');
