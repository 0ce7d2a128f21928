/**
 * A batch worker thread (piscina): reads workbooks and scores/renders
 * stations. The rubric and the CJK font are loaded once per thread and cached
 * by the modules that own them.
 */
import { workerData } from 'node:worker_threads';
import { rubricFromData } from '../rubric/model.js';
import { readTask, rememberRubric, scoreTask, warmPdfThread, type ReadTask, type ScoreTask, type RubricForWorkers } from './stages.js';

// The batch hands over the rubric it has already validated: a worker does not parse the YAML again.
const data = workerData as { rubric?: RubricForWorkers; warmPdf?: boolean } | undefined;
const given = data?.rubric;
if (given) {
  const rubric = rubricFromData(given.data, given.file, given.sha256);
  rememberRubric(given.file, rubric);
  // A scoring thread of a batch with PDFs gets its font and caches ready before its first station.
  if (data.warmPdf) warmPdfThread(rubric).catch(() => {});
}

export type WorkerTask = ({ kind: 'read' } & ReadTask) | ({ kind: 'score' } & ScoreTask);

export default function run(task: WorkerTask) {
  return task.kind === 'read' ? readTask(task) : scoreTask(task);
}
