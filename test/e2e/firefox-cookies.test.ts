import { walkCookieStories } from './cookie-stories';

walkCookieStories('firefox');
