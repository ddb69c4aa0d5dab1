import { walkStories } from './stories';

walkStories('chromium', 'file');
