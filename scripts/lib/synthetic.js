/**
 * Synthetic station data for the samples, the benchmark and tests: entries
 * of plausible quality for every item kind, from a seeded generator, so the
 * same seed always gives the same stations. Needs the compiled dist/.
 */
const dist = (p) => import(new URL(`../../dist/${p}`, import.meta.url).href);
const { conditionId } = await dist('workbook/template.js');
const { itemPoints } = await dist('score/item-points.js');
const { mulberry32 } = await dist('util/random.js');

export const rng = mulberry32;

export const round = (x, step) => Math.round(x / step) * step;
export const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
export const fix = (x) => Number(x.toFixed(4));

/** An entry for one item at quality q (0..1). */
export function entryFor(item, q, rand, opts) {
  const r = item.rule;
  const p = item.points;
  const jitter = () => clamp(q + (rand() - 0.5) * 0.2, 0, 1);
  switch (r.kind) {
    case 'range': {
      const step = r.step ?? (opts.halves ? 0.5 : 1);
      return { kind: 'points', points: fix(clamp(round(jitter() * p, step), r.min ?? 0, p)) };
    }
    case 'boolean':
      return { kind: 'met', met: rand() < q + 0.03 };
    case 'control':
      return { kind: 'met', met: q > 0.45 || rand() < 0.5 };
    case 'choice': {
      const target = jitter() * p;
      const best = [...r.options].sort((a, b) => Math.abs(a.points - target) - Math.abs(b.points - target))[0];
      return { kind: 'option', label: best.label };
    }
    case 'checklist':
      return { kind: 'checklist', ticked: r.conditions.map((c, i) => (rand() < q ? conditionId(c, i) : null)).filter(Boolean) };
    case 'checklist-deduction': {
      const ticked = r.conditions.map((c, i) => (rand() < q ? conditionId(c, i) : null)).filter(Boolean);
      // Now and then the assessor deducts a whole number of points within the range.
      const deduction = rand() < 0.35 ? clamp(Math.round(r.deduction.min + rand() * (r.deduction.max - r.deduction.min)), r.deduction.min, r.deduction.max) : 0;
      return deduction > 0 ? { kind: 'checklist', ticked, deduction } : { kind: 'checklist', ticked };
    }
    case 'tiers': {
      const tiers = [...r.tiers].sort((a, b) => a.min - b.min);
      const idx = Math.floor(jitter() * (tiers.length + 1)) - 1;
      if (idx < 0) return { kind: 'measure', value: fix(Math.max(0, tiers[0].min - 1 - Math.floor(rand() * 5))) };
      const t = tiers[Math.min(idx, tiers.length - 1)];
      return { kind: 'measure', value: fix(t.min + Math.floor(rand() * 10)) };
    }
    case 'count': {
      const cap = r.cap ?? p;
      const extra = r.increment > 0 ? Math.ceil((cap - r.base.points) / r.increment) : 0;
      const n = q < 0.3 && rand() < 0.5 ? Math.max(0, r.base.count - 1) : r.base.count + Math.round(jitter() * extra);
      return { kind: 'count', count: n };
    }
    case 'deduction': {
      const maxN = Math.ceil((p - (r.floor ?? 0)) / r.per);
      return { kind: 'count', count: Math.max(0, Math.round((1 - jitter()) * maxN * 0.8)) };
    }
    case 'graded': {
      const grades = [...r.grades].sort((a, b) => b.max - a.max);
      const g = grades[clamp(Math.floor((1 - jitter()) * grades.length), 0, grades.length - 1)];
      const pts = clamp(round(g.min + (g.max - g.min) * rand(), 0.5), g.min, g.max);
      return { kind: 'grade', grade: g.grade, points: fix(pts) };
    }
  }
}

export function party(rubric, q, seed, opts = {}) {
  const rand = rng(seed);
  const items = {};
  let naLeft = opts.na ? 3 : 0;
  let blanks = opts.blanks ?? 0;
  for (const item of rubric.index.items) {
    if (naLeft > 0 && item.na !== 'forbid' && rand() < 0.6) {
      items[item.id] = { value: { kind: 'na' }, note: '本站不涉及该项服务' };
      naLeft--;
      continue;
    }
    if (blanks > 0 && !item.bonus && item.rule.kind === 'range' && rand() < 0.4) {
      blanks--;
      continue;
    }
    if (item.bonus && rand() > q - 0.2) continue;
    const value = entryFor(item, item.bonus ? q * 0.8 : q, rand, opts);
    const entry = { value };
    if (rand() < 0.25) entry.note = '佐证材料见档案盒 ' + (1 + Math.floor(rand() * 12)) + ' 号';
    items[item.id] = entry;
  }
  const vetoes = {};
  for (const v of rubric.data.vetoes) vetoes[v.id] = false;
  return { items, vetoes };
}

export function pointsOf(rubric) {
  return (item, value) => {
    try {
      const r = itemPoints(item, value, rubric.data.precision);
      return r.kind === 'points' ? Number(r.points.toString()) : r.kind;
    } catch {
      return null;
    }
  };
}

/**
 * The spot party: `copy: n` confirms the self-assessment except n range items
 * lowered by 1–2 points (within tolerance); `q` re-scores at that quality.
 */
export function spotParty(rubric, self, spec, seed, veto) {
  const rand = rng(seed);
  const fresh = party(rubric, spec.q ?? 0.5, seed);
  const items = {};
  let lower = spec.copy ?? 0;
  for (const item of rubric.index.items) {
    const s = self.items[item.id];
    if (s?.value.kind === 'na') items[item.id] = { value: s.value };
    else if (spec.copy !== undefined) {
      if (!s) continue;
      if (lower > 0 && s.value.kind === 'points' && s.value.points >= 2 && rand() < 0.5) {
        items[item.id] = { value: { kind: 'points', points: fix(s.value.points - (rand() < 0.5 ? 1 : 2)) } };
        lower--;
      } else items[item.id] = { value: s.value };
    } else if (fresh.items[item.id]) items[item.id] = { value: fresh.items[item.id].value };
  }
  const pts = pointsOf(rubric);
  for (const item of rubric.index.items) {
    const a = self.items[item.id] && pts(item, self.items[item.id].value);
    const b = items[item.id] && pts(item, items[item.id].value);
    if (typeof a === 'number' && typeof b === 'number' && b < a) items[item.id].note = `佐证材料不足，核减 ${fix(a - b)} 分`;
  }
  const vetoes = { ...fresh.vetoes };
  if (veto) vetoes[veto] = true;
  return { items, vetoes };
}

export function inputText(value) {
  switch (value.kind) {
    case 'met':
      return value.met ? '是' : '否';
    case 'option':
      return value.label;
    case 'checklist':
      return `${value.ticked.join(',')}${value.deduction ? ` 扣${value.deduction}` : ''}`;
    case 'measure':
      return value.value;
    case 'count':
      return value.count;
    case 'grade':
      return value.grade;
    case 'na':
      return '不适用';
    default:
      return undefined;
  }
}
