import { walkHostile } from './hostile';

walkHostile('chromium');
