import { parentPort, workerData } from 'node:worker_threads';
import { PROFILES } from '../model/profiles.js';
import { loadTrace } from './benchTrace.js';
import { checkPlanting, type Planting, type PlantingResult } from './planting.js';

/** What faultBench hands a worker: the trace file, and its share of the plantings. */
export type PlantWork = { path: string; plantings: Planting[] };

/**
 * A worker thread of faultBench: loads the trace into memory once, then checks each planting of its
 * share against every profile and posts a PlantingResult for each as soon as it is done.
 */
const { path, plantings } = workerData as PlantWork;
const trace = await loadTrace(path);
for (const planting of plantings) {
  const result: PlantingResult = { planting, outcomes: PROFILES.map((p) => checkPlanting(p, trace, planting)) };
  parentPort!.postMessage(result);
}
