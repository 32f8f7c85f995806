/**
 * Runs inside the worker thread: reads the spreadsheet it was given and posts the result. It says
 * `started` first, so the parent's time limit measures the read, not the worker's start-up.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readSpreadsheet } from '@vitals/shared';
import type { WorkerMessage, WorkerRequest } from './read-spreadsheet-in-worker';

const port = parentPort;
if (!port) throw new Error('spreadsheet-worker.ts runs only as a worker thread');
const request = workerData as WorkerRequest;
const post = (message: WorkerMessage): void => port.postMessage(message);

post({ type: 'started' });
post({ type: 'result', result: readSpreadsheet(request.bytes, request.fileName, request.limits) });
