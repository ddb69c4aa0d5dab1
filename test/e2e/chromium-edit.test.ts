import { walkEditStories } from './edit-stories';

walkEditStories('chromium');
