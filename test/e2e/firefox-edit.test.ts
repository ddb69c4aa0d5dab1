import { walkEditStories } from './edit-stories';

walkEditStories('firefox');
