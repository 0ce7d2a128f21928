/**
 * The star certificate a station holds after this year, under the rubric's
 * `certification` rules. Pure: the previous state and this year's level in,
 * the new state and the rule that decided it out.
 *
 *   validity     a certificate issued in year Y is valid through Y + validityYears − 1;
 *                any evaluation re-issues the certificate at the level it decides;
 *   downgrade    immediate: the level reached; one-level-per-year: at most one level lower;
 *   first cap    a station never certified gets at most firstRatingMaxStars;
 *   waiting      after an evaluation with no star (failedYear), results of the next
 *                waitingYears years cannot raise the certificate (they can still lower it).
 */
import type { Certification } from '../rubric/schema.js';
import type { CertificateDecision, CertificateRule, CertificateState } from './types.js';
import { must } from '../util/must.js';

export interface CertificateContext {
  rules: Certification | undefined;
  year: number;
  /** Display name of a level ("四星级"); level 0 is "无星级". */
  levelName: (level: number) => string;
}

/** The level reached this year; null when the station was not evaluated. */
export function decideCertificate(held: CertificateState | undefined, reached: number | null, ctx: CertificateContext): CertificateDecision {
  const { rules, year, levelName } = ctx;
  const name = (level: number) => (level > 0 ? levelName(level) : '无星级');
  const decide = (level: number, rule: CertificateRule, reason: string, reasonEn: string, state: Omit<CertificateState, 'level' | 'year'>): CertificateDecision => ({
    level,
    heldLevel: held?.level ?? 0,
    levelName: level > 0 ? levelName(level) : null,
    rule,
    reason,
    reasonEn,
    state: dropUndefined({ level, year, ...state }),
  });
  const history = { firstCertifiedYear: held?.firstCertifiedYear, failedYear: held?.failedYear };

  if (!rules) {
    if (reached === null) {
      const level = held?.level ?? 0;
      return decide(
        level,
        'no-rules',
        `本年度未参评；细则未规定证书有效期，沿用上年星级（${name(level)}）`,
        `not evaluated; the rubric sets no certificate rules, last year's level stands (${level})`,
        {
          ...history,
          issuedYear: held?.issuedYear,
        },
      );
    }
    return decide(reached, 'no-rules', `细则未规定证书规则，以本年度评定星级为准（${name(reached)}）`, `the rubric sets no certificate rules: this year's level counts (${reached})`, {
      firstCertifiedYear: held?.firstCertifiedYear ?? (reached > 0 ? year : undefined),
      failedYear: reached > 0 ? held?.failedYear : year,
      issuedYear: reached > 0 ? year : undefined,
    });
  }

  const validity = rules.validityYears;
  const issue = (level: number) => (level > 0 ? { issuedYear: year, validUntil: year + validity - 1 } : {});
  const heldLevel = held?.level ?? 0;
  const heldValid = heldLevel > 0 && held?.validUntil !== undefined && held.validUntil >= year;
  const inForce = heldValid ? heldLevel : 0;
  const expired = heldLevel > 0 && !heldValid;
  const expiredText = expired ? `（原${name(heldLevel)}证书已于 ${must(held).validUntil} 年底到期）` : '';
  const expiredTextEn = expired ? ` (the level-${heldLevel} certificate expired at the end of ${must(held).validUntil})` : '';

  if (reached === null) {
    if (heldValid) {
      return decide(
        inForce,
        'kept',
        `本年度未参评，${name(inForce)}证书有效至 ${must(held).validUntil} 年底，继续有效`,
        `not evaluated; the level-${inForce} certificate is valid through ${must(held).validUntil}`,
        {
          ...history,
          issuedYear: must(held).issuedYear,
          validUntil: must(held).validUntil,
        },
      );
    }
    if (expired) {
      return decide(
        0,
        'expired',
        `${name(heldLevel)}证书有效期 ${validity} 年，已于 ${must(held).validUntil} 年底到期，本年度未参评复评，证书失效`,
        `the level-${heldLevel} certificate (valid ${validity} years) expired at the end of ${must(held).validUntil} and was not renewed`,
        history,
      );
    }
    return decide(0, 'none', '本年度未参评，无有效证书', 'not evaluated, no certificate in force', history);
  }

  const waitingUntil = rules.waitingYears && held?.failedYear !== undefined ? held.failedYear + rules.waitingYears : undefined;
  const waiting = waitingUntil !== undefined && year > must(must(held).failedYear) && year <= waitingUntil;
  const lower = (level: number): CertificateDecision => {
    const failed = reached === 0 ? { failedYear: year } : {};
    if (rules.downgrade === 'one-level-per-year' && level < inForce - 1) {
      const to = inForce - 1;
      return decide(
        to,
        'downgrade-one-level',
        `本年度评定${name(reached)}，低于原${name(inForce)}；细则规定每年至多降一级，降为${name(to)}`,
        `reached ${reached}, below the level ${inForce} in force; at most one level down per year: ${to}`,
        {
          ...history,
          ...failed,
          ...issue(to),
        },
      );
    }
    return decide(
      level,
      'downgrade-immediate',
      `本年度评定${name(reached)}，低于原${name(inForce)}；细则规定立即降级，降为${name(level)}`,
      `reached ${reached}, below the level ${inForce} in force; downgraded at once to ${level}`,
      {
        ...history,
        ...failed,
        ...issue(level),
      },
    );
  };

  if (reached < inForce) return lower(reached);
  if (reached === 0) {
    const wait = rules.waitingYears ? `；等待期 ${rules.waitingYears} 年（至 ${year + rules.waitingYears} 年）内的评估结果不能提升星级` : '';
    const waitEn = rules.waitingYears ? `; results within the ${rules.waitingYears}-year waiting period (through ${year + rules.waitingYears}) cannot raise the level` : '';
    return decide(0, 'failed', `本年度未达到任何星级${expiredText}${wait}`, `no star this year${expiredTextEn}${waitEn}`, { ...history, failedYear: year });
  }
  if (reached === inForce) {
    return decide(
      inForce,
      'renewed',
      `本年度评定${name(reached)}，与原证书相同，证书续期至 ${year + validity - 1} 年底`,
      `reached level ${reached}, as in force: renewed through ${year + validity - 1}`,
      {
        ...history,
        ...issue(inForce),
      },
    );
  }
  // reached > inForce
  if (waiting) {
    const keep = inForce > 0 ? `维持${name(inForce)}` : '不予认定星级';
    const keepEn = inForce > 0 ? `level ${inForce} stands` : 'no certificate';
    return decide(
      inForce,
      'waiting-period',
      `本年度评定${name(reached)}，但 ${must(held).failedYear} 年评估未获星级，等待期 ${rules.waitingYears} 年（至 ${waitingUntil} 年）内评估结果不计，${keep}`,
      `reached ${reached}, but within the ${rules.waitingYears}-year waiting period after the failed ${must(held).failedYear} evaluation (through ${waitingUntil}): ${keepEn}`,
      {
        ...history,
        ...(inForce > 0 ? { issuedYear: must(held).issuedYear, validUntil: must(held).validUntil } : {}),
      },
    );
  }
  const first = history.firstCertifiedYear === undefined;
  const cap = rules.firstRatingMaxStars;
  if (first && cap !== undefined && reached > cap) {
    return decide(
      cap,
      'first-rating-cap',
      `首次认定：本年度评定${name(reached)}，细则规定首次认定最高${name(cap)}，认定为${name(cap)}`,
      `first certification: reached ${reached}, a first rating is capped at ${cap}`,
      {
        ...history,
        firstCertifiedYear: year,
        ...issue(cap),
      },
    );
  }
  if (first) {
    return decide(reached, 'first-rating', `首次认定${name(reached)}，证书有效至 ${year + validity - 1} 年底`, `first certification at level ${reached}, valid through ${year + validity - 1}`, {
      ...history,
      firstCertifiedYear: year,
      ...issue(reached),
    });
  }
  if (inForce === 0) {
    return decide(
      reached,
      'recertified',
      `重新认定${name(reached)}${expiredText}，证书有效至 ${year + validity - 1} 年底`,
      `certified again at level ${reached}${expiredTextEn}, valid through ${year + validity - 1}`,
      {
        ...history,
        ...issue(reached),
      },
    );
  }
  return decide(
    reached,
    'upgrade',
    `本年度评定${name(reached)}，高于原${name(inForce)}，升级，证书有效至 ${year + validity - 1} 年底`,
    `reached level ${reached}, above ${inForce}: upgraded, valid through ${year + validity - 1}`,
    {
      ...history,
      ...issue(reached),
    },
  );
}

/**
 * The certificate a previous result stands for when it carries none (the
 * first year of using compare): its level, issued that year. Earlier history
 * is unknown, so a station without a star then counts as never certified.
 */
export function certificateFromResult(stars: number | null, year: number, rules: Certification | undefined): CertificateState {
  const level = stars ?? 0;
  if (level === 0) return { level: 0, year, failedYear: year };
  return dropUndefined({ level, year, issuedYear: year, validUntil: rules ? year + rules.validityYears - 1 : undefined, firstCertifiedYear: year });
}

/** Certificates to list in 证书到期: in force and ending this year or next, or expired this year. */
export function expiryStatus(decision: CertificateDecision, year: number): 'expired' | 'this-year' | 'next-year' | null {
  if (decision.rule === 'expired') return 'expired';
  const until = decision.state.validUntil;
  if (decision.level === 0 || until === undefined) return null;
  if (until <= year) return 'this-year';
  if (until === year + 1) return 'next-year';
  return null;
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
