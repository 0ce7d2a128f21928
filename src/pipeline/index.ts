/**
 * The one pipeline, as other front ends use it (the CLI commands, the web
 * page): read → plan → score → report, with no printing. `scoreOne` is a
 * batch of one station; `runBatch` a whole province. Both take a run context
 * and return results and problems.
 */
export { runContext, type RunContext } from './context.js';
export { scoreOne, type ScoreOneInput, type ScoreOneOutcome } from './score-one.js';
export { planStations, isMismatch, MISMATCH_CODES, type Plan, type PlannedStation, type SpotRecord, type SelfRead, type SpotMatch, type RosterMatch } from './plan.js';
export { runBatch, type BatchOptions, type BatchReport } from '../batch/run-batch.js';
