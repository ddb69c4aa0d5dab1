import { ENGINES } from './harness/demo-server';
import { walkTimelineStories } from './timeline-stories';

// Every engine in one browser: one launch, one demo server per engine.
walkTimelineStories('firefox', ENGINES);
