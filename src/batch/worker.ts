/**
 * A batch worker thread (piscina): reads workbooks and scores/renders
 * stations. The rubric and the CJK font are loaded once per thread and cached
 * by the modules that own them.
 */
import { readTask, scoreTask, type ReadTask, type ScoreTask } from './stages.js';

export type WorkerTask = ({ kind: 'read' } & ReadTask) | ({ kind: 'score' } & ScoreTask);

export default function run(task: WorkerTask) {
  return task.kind === 'read' ? readTask(task) : scoreTask(task);
}
