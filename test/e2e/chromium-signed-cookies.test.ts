import { walkStories } from './stories';

walkStories('chromium', 'signed_cookies');
