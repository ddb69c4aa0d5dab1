import { walkDiagnosisStories } from './diagnosis-stories';

walkDiagnosisStories('firefox');
