import { walkStories } from './stories';

walkStories('chromium', 'cached_db');
