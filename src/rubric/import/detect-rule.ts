/**
 * A best-effort scoring rule for an imported item, read from its printed rule
 * text (评分标准), its sub-conditions (标准要求 / 评估内容) and its points. Only
 * shapes whose arithmetic checks out exactly become a rule; anything else is
 * free points (`range`), and the rule text stays beside it verbatim so a person
 * finishes it by hand. Pure: text in, rule out.
 *
 * Recognised (the examples are from published tables):
 *   - sub-condition deductions that add up to the points → checklist
 *       "（1）项不符合要求扣6分；（2）项不符合要求扣2分" over two sub-conditions, 8 points
 *   - "每有一项不符合要求扣N分" with k sub-conditions and k × N = points → checklist
 *   - "每…扣N分" otherwise, or "扣完为止" → deduction (per N), "最多扣M分" → maxDeduction M
 *   - "按照现场查勘情况扣1-3分" as the whole rule → assessed-deduction (min 1, max 3)
 *   - that clause beside per-sub-condition deductions ("缺少一类档案，扣5分") and "…不得分"
 *       → checklist-deduction: k sub-conditions worth points ÷ k each (a "扣N分" clause must say N = points ÷ k,
 *       unless there is one sub-condition), deduction 1–3, and zeroIf on the one sub-condition a "未…不得分"
 *       clause names (sharing the longest run of at least 4 characters with it; else a note asks to check)
 *   - "…得N分；…得M分" one clause per sub-condition, adding up to the points → checklist;
 *       a sub-condition marked "（上一条满足的不选）" excludes the one before (a `group`), and
 *       then the best combination (one per group) must add up to the points
 *   - "每…得N分，最多得M分" → checklist (k × N = M = points) or count (base 0, +N, cap M)
 *   - "达200人次，得10分；达500人次，得20分 …" → tiers
 *   - "…得N分" with N = points, or only "…不得分" → boolean (met / not met)
 *   - "服务内容：最高得20分 … 服务绩效：最高得40分。其中，…" with caps adding up to the points
 *       → composite: one part per head, its cap as points, its own text detected alone
 */
import type { ScoringRule } from '../schema.js';

export type DetectedShape = 'checklist' | 'deduction' | 'assessed-deduction' | 'checklist-deduction' | 'composite' | 'count' | 'tiers' | 'boolean' | 'range';

export interface DetectedRule {
  scoring: ScoringRule;
  /** Which printed shape decided it (for the import summary). */
  shape: DetectedShape;
  /** What a person should check in the draft (a comment above the item). */
  note?: string;
  /** A composite item (服务内容：最高得20分 … 服务绩效：最高得40分): its parts, each with its cap and its own rule; `scoring` is then unused. */
  parts?: { name: string; points: number; standard: string; rule: DetectedRule }[];
}

const NUM = String.raw`(\d+(?:\.\d+)?)`;

/** Sub-conditions of an item: " / "-joined, one per line, or numbered （1）（2）… inline. */
export function splitConditions(content: string): string[] {
  const text = content.trim();
  if (text === '') return [];
  if (/\s\/\s/.test(text))
    return text
      .split(/\s+\/\s+/)
      .map((s) => s.trim())
      .filter(Boolean);
  const lines = text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (lines.length > 1) return lines;
  const marks = [...text.matchAll(/[（(]\d+[）)]/g)];
  if (marks.length > 1 && marks[0].index === 0) {
    const out: string[] = [];
    marks.forEach((m, i) => out.push(text.slice(m.index, i + 1 < marks.length ? marks[i + 1].index : undefined).trim()));
    return out.filter(Boolean);
  }
  return [text];
}

/** The rule text's clauses, split at ；。; and line breaks. */
function clauses(standard: string): string[] {
  return standard
    .split(/[；;。\r\n]+/)
    .map((s) => s.trim().replace(/[，,]$/, ''))
    .filter(Boolean);
}

/** Exact decimal sum (points carry at most 4 decimals). */
function sum(values: number[]): number {
  return values.reduce((s, v) => s + Math.round(v * 10_000), 0) / 10_000;
}

const eq = (a: number, b: number) => Math.round(a * 10_000) === Math.round(b * 10_000);

function checklist(labels: string[], points: number[]): ScoringRule {
  return { kind: 'checklist', conditions: labels.map((label, i) => ({ label, points: points[i] })) };
}

/** "（上一条满足的不选）": this sub-condition and the one before exclude each other. */
const EXCLUSIVE = /(?:上一条|上一项|上条|前一条|前一项)[^，,；;]{0,6}(?:满足|符合|已选)[^，,；;]{0,4}不(?:选|计分|得分)/;

/**
 * A checklist whose sub-conditions may exclude each other (上一条满足的不选):
 * such a run of conditions becomes one `group`, and the best combination —
 * the ungrouped ones plus the best of each group — must equal the points.
 * Undefined when it does not.
 */
function checklistOf(labels: string[], values: number[], points: number): ScoringRule | undefined {
  const group: (string | undefined)[] = labels.map(() => undefined);
  let n = 0;
  labels.forEach((label, i) => {
    if (i === 0 || !EXCLUSIVE.test(label)) return;
    group[i - 1] ??= `互斥${++n}`;
    group[i] = group[i - 1];
  });
  const best = new Map<string, number>();
  let total = 0;
  values.forEach((v, i) => {
    const g = group[i];
    if (g === undefined) total = sum([total, v]);
    else best.set(g, Math.max(best.get(g) ?? 0, v));
  });
  total = sum([total, ...best.values()]);
  if (!eq(total, points)) return undefined;
  return { kind: 'checklist', conditions: labels.map((label, i) => ({ label, points: values[i], ...(group[i] !== undefined ? { group: group[i] } : {}) })) };
}

/** "服务内容：最高得20分", "服务绩效：最多40分": the head of one part of a composite item. */
const PART_HEAD = new RegExp(`([^：:；;。，,\\s]{2,12})[：:]\\s*(?:最高|最多)(?:得|可得)?\\s*${NUM}分`, 'g');

/** Parts of a composite item whose caps add up to its points; undefined when the text has no such parts. */
function compositeParts(standard: string, points: number): DetectedRule['parts'] {
  const heads = [...standard.matchAll(PART_HEAD)];
  if (heads.length < 2 || !eq(sum(heads.map((h) => Number(h[2]))), points)) return undefined;
  return heads.map((h, i) => {
    const text = standard.slice(h.index, i + 1 < heads.length ? heads[i + 1].index : undefined).trim();
    const cap = Number(h[2]);
    const rest = standard
      .slice(h.index + h[0].length, i + 1 < heads.length ? heads[i + 1].index : undefined)
      .replace(/^[，,。；;\s]*(?:其中[，,：:]?)?/, '')
      .replace(/[，,。；;\s]+$/, '');
    return { name: h[1], points: cap, standard: text.replace(/[，,；;\s]+$/, ''), rule: detectRule({ content: '', standard: rest, points: cap }) };
  });
}

export function detectRule(input: { content: string; standard: string; points: number }): DetectedRule {
  const { points } = input;
  const parts0 = compositeParts(input.standard, points);
  if (parts0) return { scoring: { kind: 'range' }, shape: 'composite', parts: parts0 };
  const conditions = splitConditions(input.content);
  const parts = clauses(input.standard);
  const range: DetectedRule = { scoring: { kind: 'range' }, shape: 'range' };
  if (parts.length === 0 || points <= 0) return range;

  // （1）项…扣N分；（2）项…扣M分 — one deduction per numbered sub-condition (a "…不得分" clause may stand beside them).
  const numbered = parts.map((p) => new RegExp(String.raw`^[（(](\d+)[）)]项?.*?扣${NUM}分$`).exec(p));
  if (numbered.some(Boolean) && numbered.every((m, i) => m || /不得分$/.test(parts[i]))) {
    const found = numbered.filter((m): m is RegExpExecArray => m !== null);
    const order = found.map((m) => Number(m[1]));
    const values = found.map((m) => Number(m[2]));
    const fits = found.length === conditions.length && order.every((k, i) => k === i + 1) ? checklistOf(conditions, values, points) : undefined;
    if (fits) return { scoring: fits, shape: 'checklist' };
    return range;
  }

  // 按照现场查勘情况扣1-3分 — the assessor chooses the deduction within the range.
  const assessed = parts.length === 1 ? new RegExp(`扣${NUM}\\s*[-－~～至到]\\s*${NUM}分$`).exec(parts[0]) : null;
  if (assessed) {
    const min = Number(assessed[1]);
    const max = Number(assessed[2]);
    if (min > 0 && min <= max && max <= points) return { scoring: { kind: 'assessed-deduction', min, max }, shape: 'assessed-deduction' };
    return range;
  }

  // 缺少一类档案，扣5分；一类档案记录不规范按照现场查勘情况扣1-3分 [；未…不得分] — ticks, then the assessor's deduction.
  const rangeRe = new RegExp(`扣${NUM}\\s*[-－~～至到]\\s*${NUM}分$`);
  const ranged = parts.map((p) => rangeRe.exec(p));
  if (parts.length > 1 && ranged.filter(Boolean).length === 1 && conditions.length > 0) return checklistDeduction(parts, ranged, conditions, points) ?? range;

  const deducts = parts.filter((p) => /扣/.test(p) && !/不扣分/.test(p));
  const gains = parts.filter((p) => new RegExp(`得${NUM}分`).test(p));
  const zeroes = parts.filter((p) => /不得分$/.test(p));
  const exhausted = parts.filter((p) => /^扣完为止$/.test(p));

  // 每…扣N分 [，最多扣M分] [；扣完为止]
  if (deducts.length > 0 && gains.length === 0 && zeroes.length === 0 && deducts.length + exhausted.length === parts.length) {
    if (deducts.length !== 1) return range;
    const text = deducts[0];
    const per = new RegExp(`^.*?(?:每|缺|少).*?扣${NUM}分(?:[，,]?\\s*(?:最多|最高)(?:扣|可扣)${NUM}分)?(?:[，,]?\\s*扣完为止)?$`).exec(text);
    if (!per) return range;
    const n = Number(per[1]);
    const capText = per[2] as string | undefined; // an optional group
    const cap = capText === undefined ? undefined : Number(capText);
    if (cap === undefined && /每/.test(text) && conditions.length > 1 && eq(conditions.length * n, points)) {
      return {
        scoring: checklist(
          conditions,
          conditions.map(() => n),
        ),
        shape: 'checklist',
      };
    }
    if (cap !== undefined && cap < points) return { scoring: { kind: 'deduction', per: n, maxDeduction: cap }, shape: 'deduction' };
    return { scoring: { kind: 'deduction', per: n }, shape: 'deduction' };
  }

  if (deducts.length === 0 && gains.length > 0 && gains.length + zeroes.length === parts.length) {
    // 每…得N分，最多得M分
    const each = new RegExp(`^每.*?得${NUM}分[，,]?\\s*(?:最多|最高)(?:得|可得)?${NUM}分$`).exec(gains.join('，'));
    if (each && gains.length === 1) {
      const n = Number(each[1]);
      const cap = Number(each[2]);
      if (!eq(cap, points)) return range;
      if (conditions.length > 1 && eq(conditions.length * n, points))
        return {
          scoring: checklist(
            conditions,
            conditions.map(() => n),
          ),
          shape: 'checklist',
        };
      return { scoring: { kind: 'count', base: { count: 0, points: 0 }, increment: n, cap }, shape: 'count' };
    }
    // 达200人次，得10分；达500人次，得20分 …
    const tierRe = new RegExp(`(?:达到|达|≥|>=|不少于|不低于)\\s*${NUM}\\s*([^\\d，,得]*?)(?:及?以上)?[，,]?\\s*得${NUM}分`);
    const tiers = gains.map((g) => tierRe.exec(g)).filter((m): m is RegExpExecArray => m !== null);
    if (gains.length > 1 && tiers.length === gains.length) {
      const list = tiers.map((m) => ({ min: Number(m[1]), unit: m[2].trim(), points: Number(m[3]) }));
      const units = new Set(list.map((t) => t.unit));
      const best = Math.max(...list.map((t) => t.points));
      const ascending = [...list].sort((a, b) => a.min - b.min).every((t, i, a) => i === 0 || t.points > a[i - 1].points);
      if (units.size === 1 && eq(best, points) && ascending) {
        const unit = list[0].unit;
        return { scoring: { kind: 'tiers', ...(unit ? { unit } : {}), tiers: list.map((t) => ({ min: t.min, points: t.points })) }, shape: 'tiers' };
      }
      return range;
    }
    const values = gains.map((g) => Number(new RegExp(`得${NUM}分`).exec(g)?.[1] ?? NaN));
    // …得30分；…得30分 — one clause per sub-condition.
    const fits = gains.length > 1 && gains.length === conditions.length ? checklistOf(conditions, values, points) : undefined;
    if (fits) return { scoring: fits, shape: 'checklist' };
    if (gains.length === 1 && eq(values[0], points)) return { scoring: { kind: 'boolean' }, shape: 'boolean' };
    return range;
  }

  // …不得分 only: met or not.
  if (zeroes.length === parts.length && !parts.some((p) => /扣|得\d/.test(p))) return { scoring: { kind: 'boolean' }, shape: 'boolean' };
  return range;
}

/** The longest run of characters two texts share (for matching a "未…不得分" clause to its sub-condition). */
function sharedRun(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > best) best = k;
    }
  return best;
}

function checklistDeduction(parts: string[], ranged: (RegExpExecArray | null)[], conditions: string[], points: number): DetectedRule | undefined {
  const at = ranged.findIndex(Boolean);
  const m = ranged[at] as RegExpExecArray;
  const min = Number(m[1]);
  const max = Number(m[2]);
  if (!(min > 0 && min <= max && max <= points)) return undefined;
  const k = conditions.length;
  const each = Math.round((points * 10_000) / k) / 10_000;
  if (!eq(each * k, points)) return undefined;
  const zeroes: string[] = [];
  for (const [i, p] of parts.entries()) {
    if (i === at) continue;
    if (/不得分$/.test(p)) {
      zeroes.push(p);
      continue;
    }
    const n = new RegExp(`扣${NUM}分$`).exec(p);
    if (!n || !eq(Number(n[1]), each)) return undefined; // a deduction that is not one sub-condition's worth
  }
  if (k > 1 && !parts.some((p, i) => i !== at && new RegExp(`扣${NUM}分$`).test(p))) return undefined; // nothing says what a sub-condition is worth
  const ids = conditions.map((_, i) => String.fromCharCode(97 + i));
  const missing = new Set<string>();
  let note: string | undefined;
  for (const z of zeroes) {
    if (k === 1) {
      missing.add('a');
      continue;
    }
    const runs = conditions.map((c) => sharedRun(z.replace(/^未/, '').replace(/不得分$/, ''), c));
    const best = Math.max(...runs);
    const hits = runs.flatMap((r, i) => (r === best ? [i] : []));
    if (best >= 4 && hits.length === 1) missing.add(ids[hits[0]]);
    else note = `评分标准“${z}”未能对应到某一个条件，没有写 zeroIf；请核对`;
  }
  return {
    scoring: {
      kind: 'checklist-deduction',
      conditions: conditions.map((label) => ({ label, points: each })),
      deduction: { min, max },
      ...(missing.size > 0 ? { zeroIf: { missing: [...missing] } } : {}),
    },
    shape: 'checklist-deduction',
    ...(note ? { note } : {}),
  };
}
