/** What the bench runs in its own process, bundled like the server (see bundleInProcess in run.ts). */
export { analyzeFile, DEFAULT_SETTINGS, parseCapl } from '../server/src/service';
export { bareScan } from './bareScan';
export { answerTimes } from './serverSide';
