import { walkDiagnosisStories } from './diagnosis-stories';

walkDiagnosisStories('chromium');
