import { describe, expect, it } from 'vitest';
import { codes, MINIMAL, validate } from './fixture.js';
import { must } from '../../src/util/must.js';

const withCert = (cert: string) => `${MINIMAL.trimEnd()}\ncertification:\n${cert}`;

describe('certificationValid', () => {
  it('accepts a full certification section with no diagnostic', () => {
    const r = validate(withCert('  validityYears: 3\n  downgrade: one-level-per-year\n  firstRatingMaxStars: 1\n  waitingYears: 1\n'));
    expect(r.diagnostics).toEqual([]);
    expect(r.rubric?.data.certification).toEqual({ validityYears: 3, downgrade: 'one-level-per-year', firstRatingMaxStars: 1, waitingYears: 1 });
  });
  it('defaults downgrade to immediate', () => {
    expect(validate(withCert('  validityYears: 5\n')).rubric?.data.certification).toEqual({ validityYears: 5, downgrade: 'immediate' });
  });
  it('warns when the first-rating cap is the top level (no effect)', () => {
    const r = validate(withCert('  validityYears: 3\n  firstRatingMaxStars: 2\n'));
    const d = must(r.diagnostics.find((x) => x.code === 'RUBRIC_CERT_CAP_NO_EFFECT'));
    expect([d.severity, d.path, d.line]).toEqual(['warning', 'certification.firstRatingMaxStars', 41]);
  });
  it('rejects a bad downgrade mode and a validity of 0 (structure)', () => {
    const c = codes(withCert('  validityYears: 0\n  downgrade: gradual\n'));
    expect(c.length).toBe(2);
    expect(validate(withCert('  validityYears: 0\n  downgrade: gradual\n')).rubric).toBeUndefined();
  });
});
