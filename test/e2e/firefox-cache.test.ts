import { walkStories } from './stories';

walkStories('firefox', 'cache');
