import { walkStories } from './stories';

walkStories('firefox', 'db');
