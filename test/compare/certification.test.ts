import { describe, expect, it } from 'vitest';
import { certificateFromResult, decideCertificate, expiryStatus } from '../../src/compare/certification.js';
import type { CertificateState } from '../../src/compare/types.js';
import type { Certification } from '../../src/rubric/schema.js';

const NAMES: Record<number, string> = { 1: '一星级', 2: '二星级', 3: '三星级', 4: '四星级', 5: '五星级' };
const levelName = (l: number) => NAMES[l];
const IMMEDIATE: Certification = { validityYears: 3, downgrade: 'immediate' };
const ONE_LEVEL: Certification = { validityYears: 3, downgrade: 'one-level-per-year' };
const held = (level: number, issuedYear: number, extra: Partial<CertificateState> = {}): CertificateState => ({
  level,
  year: issuedYear,
  issuedYear,
  validUntil: issuedYear + 2,
  firstCertifiedYear: issuedYear,
  ...extra,
});
const decide = (rules: Certification | undefined, h: CertificateState | undefined, reached: number | null, year = 2024) => decideCertificate(h, reached, { rules, year, levelName });

describe('validity', () => {
  it('keeps a valid certificate when the station is not evaluated', () => {
    const d = decide(IMMEDIATE, held(4, 2022), null);
    expect([d.level, d.rule, d.state.validUntil, d.state.issuedYear]).toEqual([4, 'kept', 2024, 2022]);
    expect(d.reason).toBe('本年度未参评，四星级证书有效至 2024 年底，继续有效');
    expect(expiryStatus(d, 2024)).toBe('this-year');
  });
  it('expires a certificate past its validity that was not renewed', () => {
    const d = decide(IMMEDIATE, held(4, 2021), null);
    expect([d.level, d.levelName, d.rule]).toEqual([0, null, 'expired']);
    expect(d.reason).toBe('四星级证书有效期 3 年，已于 2023 年底到期，本年度未参评复评，证书失效');
    expect(d.state).toEqual({ level: 0, year: 2024, firstCertifiedYear: 2021 });
    expect(expiryStatus(d, 2024)).toBe('expired');
  });
  it('re-certifies an expired station that is evaluated again (no first-rating cap: it was certified before)', () => {
    const d = decide({ ...IMMEDIATE, firstRatingMaxStars: 3 }, held(4, 2020), 5);
    expect([d.level, d.rule, d.state.issuedYear, d.state.validUntil]).toEqual([5, 'recertified', 2024, 2026]);
    expect(d.reason).toBe('重新认定五星级（原四星级证书已于 2022 年底到期），证书有效至 2026 年底');
  });
  it('renews at the same level and lists the certificate expiring next year only when validity is 2', () => {
    const d = decide(IMMEDIATE, held(3, 2023), 3);
    expect([d.level, d.rule, d.state.issuedYear, d.state.validUntil]).toEqual([3, 'renewed', 2024, 2026]);
    expect(expiryStatus(d, 2024)).toBeNull();
    const two = decide({ validityYears: 2, downgrade: 'immediate' }, held(3, 2023), 3);
    expect([two.state.validUntil, expiryStatus(two, 2024)]).toEqual([2025, 'next-year']);
  });
});

describe('downgrade', () => {
  it('immediate: drops to the level reached', () => {
    const d = decide(IMMEDIATE, held(5, 2023), 2);
    expect([d.level, d.rule, d.state.issuedYear]).toEqual([2, 'downgrade-immediate', 2024]);
    expect(d.reason).toBe('本年度评定二星级，低于原五星级；细则规定立即降级，降为二星级');
  });
  it('one level per year: 5 → 4 although 2 was reached, then 4 → 3 the next year', () => {
    const d = decide(ONE_LEVEL, held(5, 2023), 2);
    expect([d.level, d.rule, d.state.validUntil]).toEqual([4, 'downgrade-one-level', 2026]);
    expect(d.reason).toBe('本年度评定二星级，低于原五星级；细则规定每年至多降一级，降为四星级');
    const next = decideCertificate(d.state, 2, { rules: ONE_LEVEL, year: 2025, levelName });
    expect([next.level, next.rule]).toEqual([3, 'downgrade-one-level']);
  });
  it('one level per year reaching exactly one level lower is a plain downgrade', () => {
    const d = decide(ONE_LEVEL, held(5, 2023), 4);
    expect([d.level, d.rule]).toEqual([4, 'downgrade-immediate']);
  });
  it('a failed re-evaluation under immediate downgrade withdraws the certificate and starts the waiting period', () => {
    const d = decide({ ...IMMEDIATE, waitingYears: 1 }, held(3, 2023), 0);
    expect([d.level, d.rule, d.state.failedYear]).toEqual([0, 'downgrade-immediate', 2024]);
  });
  it('upgrades to a higher level', () => {
    const d = decide(IMMEDIATE, held(3, 2023), 4);
    expect([d.level, d.rule]).toEqual([4, 'upgrade']);
    expect(d.reason).toBe('本年度评定四星级，高于原三星级，升级，证书有效至 2026 年底');
  });
});

describe('first rating cap', () => {
  const rules: Certification = { ...IMMEDIATE, firstRatingMaxStars: 3 };
  it('caps a first certification at firstRatingMaxStars', () => {
    const d = decide(rules, undefined, 5);
    expect([d.level, d.levelName, d.rule, d.state.firstCertifiedYear]).toEqual([3, '三星级', 'first-rating-cap', 2024]);
    expect(d.reason).toBe('首次认定：本年度评定五星级，细则规定首次认定最高三星级，认定为三星级');
  });
  it('does not cap a first certification within the cap', () => {
    const d = decide(rules, undefined, 2);
    expect([d.level, d.rule]).toEqual([2, 'first-rating']);
  });
  it('does not cap the next year: 3 → 5 is an upgrade', () => {
    const first = decide(rules, undefined, 5, 2023);
    const d = decideCertificate(first.state, 5, { rules, year: 2024, levelName });
    expect([d.level, d.rule]).toEqual([5, 'upgrade']);
  });
});

describe('waiting period', () => {
  const rules: Certification = { ...IMMEDIATE, waitingYears: 1 };
  it('a result within the waiting period cannot raise the level', () => {
    const failed = decide(rules, undefined, 0, 2023);
    expect([failed.level, failed.rule, failed.state.failedYear]).toEqual([0, 'failed', 2023]);
    expect(failed.reason).toBe('本年度未达到任何星级；等待期 1 年（至 2024 年）内的评估结果不能提升星级');
    const d = decideCertificate(failed.state, 4, { rules, year: 2024, levelName });
    expect([d.level, d.rule]).toEqual([0, 'waiting-period']);
    expect(d.reason).toBe('本年度评定四星级，但 2023 年评估未获星级，等待期 1 年（至 2024 年）内评估结果不计，不予认定星级');
  });
  it('after the waiting period the result counts', () => {
    const d = decide(rules, { level: 0, year: 2022, failedYear: 2022 }, 4);
    expect([d.level, d.rule]).toEqual([4, 'first-rating']);
  });
  it('within the waiting period a one-level downgrade still applies and a held level stands against a higher result', () => {
    const h: CertificateState = { level: 4, year: 2023, issuedYear: 2023, validUntil: 2025, firstCertifiedYear: 2020, failedYear: 2023 };
    const both: Certification = { validityYears: 3, downgrade: 'one-level-per-year', waitingYears: 2 };
    const up = decide(both, h, 5);
    expect([up.level, up.rule, up.state.validUntil]).toEqual([4, 'waiting-period', 2025]);
    const down = decide(both, h, 1);
    expect([down.level, down.rule]).toEqual([3, 'downgrade-one-level']);
  });
});

describe('without certification rules', () => {
  it('this year’s level counts, and a station not evaluated keeps last year’s', () => {
    const d = decide(undefined, held(2, 2023), 4);
    expect([d.level, d.rule]).toEqual([4, 'no-rules']);
    expect(d.reason).toBe('细则未规定证书规则，以本年度评定星级为准（四星级）');
    const absent = decide(undefined, held(2, 2023), null);
    expect([absent.level, absent.rule]).toEqual([2, 'no-rules']);
  });
});

describe('certificateFromResult', () => {
  it('stands a previous result without a recorded certificate for a certificate issued that year', () => {
    expect(certificateFromResult(4, 2023, IMMEDIATE)).toEqual({ level: 4, year: 2023, issuedYear: 2023, validUntil: 2025, firstCertifiedYear: 2023 });
    expect(certificateFromResult(null, 2023, IMMEDIATE)).toEqual({ level: 0, year: 2023, failedYear: 2023 });
  });
});
