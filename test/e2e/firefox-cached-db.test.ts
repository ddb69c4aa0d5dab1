import { walkStories } from './stories';

walkStories('firefox', 'cached_db');
