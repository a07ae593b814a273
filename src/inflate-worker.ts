// The worker thread's entry for the index pass's inflate (src/layer/inflate-threads.ts): ncc
// bundles this into dist/worker/index.js, beside the action's and the CLI's bundles.
import { parentPort } from 'node:worker_threads';
import { serveInflate } from './layer/inflate-port.js';

if (parentPort) serveInflate(parentPort);
