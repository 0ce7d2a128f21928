/** Thread entry of readSpotFileInThread (spot-file.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { spotThreadMain, type SpotThreadData } from './spot-file.js';
import { must } from '../util/must.js';

must(parentPort).postMessage(await spotThreadMain(workerData as SpotThreadData));
