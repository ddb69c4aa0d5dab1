import { walkHostile } from './hostile';

walkHostile('firefox');
