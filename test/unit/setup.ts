// Loaded before every ui-project test file (vitest.config.ts setupFiles).
import { setDecodeWorker } from '../../src/panel/decode/off-thread';
import { inProcessDecodeWorker } from '../fakes/decode-worker';

setDecodeWorker(inProcessDecodeWorker);
