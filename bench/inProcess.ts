/** What the bench runs in its own process, bundled like the server (see bundleInProcess in run.ts). */
export { analyzeFile } from '../server/src/service/analysis/analyzeFile';
export { DEFAULT_SETTINGS } from '../server/src/service/settings';
export { parseCapl } from '../server/src/service/syntax/parse';
export { bareScan } from './bareScan';
export { answerTimes } from './serverSide';
