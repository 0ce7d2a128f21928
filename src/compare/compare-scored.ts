/**
 * Inside a batch worker: compare a freshly scored station with last year's
 * records, and record the certificate with the result (so next year's
 * comparison knows when it was issued).
 */
import type { StationResult } from '../score/types.js';
import type { PreviousForTask } from './batch-year.js';
import { compareStation } from './compare-years.js';
import { toYearRecord, type ResultWithCertificate } from './year-record.js';
import type { StationComparison } from './types.js';

export function compareScoredStation(result: StationResult, previous: PreviousForTask): { comparison: StationComparison; result: ResultWithCertificate } {
  const comparison = compareStation(previous.records, toYearRecord(result), previous.match, previous.context);
  const c = comparison.certificate;
  return { comparison, result: { ...result, certificate: { ...c.state, rule: c.rule, reason: c.reason } } };
}
