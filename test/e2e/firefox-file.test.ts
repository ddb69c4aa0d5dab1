import { walkStories } from './stories';

walkStories('firefox', 'file');
