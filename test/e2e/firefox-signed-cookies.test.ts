import { walkStories } from './stories';

walkStories('firefox', 'signed_cookies');
