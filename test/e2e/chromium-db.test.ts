import { walkStories } from './stories';

walkStories('chromium', 'db');
