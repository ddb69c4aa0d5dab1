import { walkStories } from './stories';

walkStories('chromium', 'cache');
