/**
 * `rubric show`: a rubric as a readable tree (text) or a Markdown document —
 * points, item kinds and their rules, N/A policies, bonus, vetoes, star levels
 * and reconciliation. Pure: a function of the loaded rubric.
 */
import type { LoadedRubric } from './model.js';
import type { RubricNode, ScoringRule } from './schema.js';
import { t, type Lang } from '../util/lang.js';
import Big from 'big.js';
import { KINDS, kindOf } from '../kinds/index.js';
import { describeApplicability } from '../score/applicability.js';

export function kindName(kind: ScoringRule['kind'], lang: Lang): string {
  const [zh, en] = KINDS[kind].name;
  return t(lang, zh, en);
}

/** One-line summary of a scoring rule, e.g. "≥60㎡ → 20 / ≥40㎡ → 12 / 否则 0". */
export function describeRule(rule: ScoringRule, points: number, lang: Lang): string {
  return kindOf(rule).describe(rule, points, lang);
}

function naNote(node: RubricNode, lang: Lang): string {
  const when = describeApplicability(node.applicability);
  const cond = when ? ` [${t(lang, `适用条件：${when}`, `applicability: ${when}`)}]` : '';
  if (!node.na) return cond;
  const zh = { forbid: '不允许不适用', full: '不适用给满分', rescale: '不适用则按比例折算' }[node.na];
  const en = { forbid: 'N/A forbidden', full: 'N/A scores full', rescale: 'N/A: rescale the module' }[node.na];
  return ` [${t(lang, zh, en)}]${cond}`;
}

function header(r: LoadedRubric, lang: Lang): string[] {
  const d = r.data;
  const lines = [d.title, `${d.id} ${d.version}${d.issuer ? ` · ${d.issuer}` : ''}${d.year ? ` · ${d.year}` : ''}`];
  if (d.illustrative) lines.push(t(lang, `说明：${d.illustrative}`, `Note: ${d.illustrative}`));
  const clamp = d.clampTotal ? t(lang, '总分封顶', 'total clamped') : t(lang, '总分可超过满分', 'total may exceed the maximum');
  lines.push(
    t(
      lang,
      `满分 ${d.total}（${d.modules.length} 个模块，${r.index.items.length} 个评分项，精度 ${d.precision} 位小数${d.bonus ? `；加分项上限 ${d.bonus.cap}，${clamp}` : ''}）`,
      `Maximum ${d.total} (${d.modules.length} modules, ${r.index.items.length} items, ${d.precision} decimals${d.bonus ? `; bonus cap ${d.bonus.cap}, ${clamp}` : ''})`,
    ),
  );
  return lines;
}

export function starLines(r: LoadedRubric, lang: Lang): string[] {
  const s = r.data.stars;
  const out = [
    t(
      lang,
      `边界：${s.boundary === 'inclusive' ? '“以上”含本数（≥）' : '须高于下限（>）'}；取整：${s.rounding.digits} 位小数，${s.rounding.apply === 'before' ? '比较前取整' : '按精确总分比较，只在显示时取整'}`,
      `Boundary: ${s.boundary} (${s.boundary === 'inclusive' ? '>=' : '>'}); rounding: ${s.rounding.digits} digits, ${s.rounding.apply === 'before' ? 'before comparing' : 'for display only'}`,
    ),
  ];
  const scale = r.data.scale;
  if (scale)
    out.push(
      t(
        lang,
        `等级按${scale.name}比较：${scale.name} = 总分 ÷ ${scale.divideBy}（${scale.digits} 位小数，四舍五入）`,
        `Levels compare the ${scale.name}: total ÷ ${scale.divideBy} (${scale.digits} decimals, half up)`,
      ),
    );
  if (s.display === 'names' || s.noLevelName !== undefined)
    out.push(
      t(
        lang,
        `等级显示为名称${s.noLevelName !== undefined ? `；未达到任何等级：${s.noLevelName}` : ''}`,
        `Levels shown by name${s.noLevelName !== undefined ? `; no level reached: ${s.noLevelName}` : ''}`,
      ),
    );
  if (s.target !== 'none')
    out.push(t(lang, `申报等级：${s.target === 'required' ? '必填' : '可填'}，所评等级不超过申报等级`, `Applied-for level: ${s.target}; the level awarded is at most the one applied for`));
  for (const l of [...s.levels].sort((a, b) => b.level - a.level)) {
    const parts = [`${l.name} (level ${l.level}): ${s.boundary === 'inclusive' ? '≥' : '>'} ${l.minTotal}${l.maxTotal !== undefined ? t(lang, `，≤ ${l.maxTotal}`, `, <= ${l.maxTotal}`) : ''}`];
    const mm = (m: { percent?: number; points?: number }) => (m.percent !== undefined ? `${m.percent}%` : t(lang, `${m.points} 分`, `${m.points} pts`));
    if (l.moduleMinimum) parts.push(t(lang, `每个模块 ≥ ${mm(l.moduleMinimum)}`, `every module >= ${mm(l.moduleMinimum)}`));
    for (const [id, m] of Object.entries(l.moduleMinimums ?? {})) {
      const name = r.data.modules.find((x) => x.id === id)?.name ?? id;
      parts.push(`${name} ≥ ${mm(m)}`);
    }
    const req = [
      l.requires.controls ? t(lang, '控制项全部达标', 'all control items met') : '',
      l.requires.noVeto ? t(lang, '无否决', 'no veto') : '',
      l.requires.verified ? t(lang, '须经抽查核实', 'verified by a spot check') : '',
    ].filter(Boolean);
    if (req.length) parts.push(req.join(t(lang, '、', ', ')));
    for (const p of l.prerequisites ?? []) parts.push(t(lang, `必备项：${p.name}`, `prerequisite: ${p.name}`));
    if (l.quota) {
      const pct = Number(new Big(l.quota.share).times(100).toString());
      const rounding = { floor: ['向下取整', 'rounded down'], ceil: ['向上取整', 'rounded up'], round: ['四舍五入', 'rounded half up'] }[l.quota.rounding];
      const ties = l.quota.ties === 'include' ? ['分数线上同分均入选', 'ties at the cut-off all get it'] : ['分数线上同分放不下则均不入选', 'ties at the cut-off that do not all fit get none'];
      parts.push(
        t(
          lang,
          `名额：参与本级核定站点的前 ${pct}%（${rounding[0]}，${ties[0]}；批量评定中逐级核定）`,
          `quota: the top ${pct}% of the stations competing for this level (${rounding[1]}, ${ties[1]}; applied level by level in batch)`,
        ),
      );
    }
    out.push(parts.join(t(lang, '；', '; ')));
  }
  return out;
}

function reconciliationLine(r: LoadedRubric, lang: Lang): string {
  const rec = r.data.reconciliation;
  const tol = rec.tolerance.map((x) => `${x.scope} ${x.points !== undefined ? x.points : `${x.percent}%`}`).join(', ');
  const effects = [
    rec.onInflation.flag ? t(lang, '标记', 'flag') : '',
    rec.onInflation.deductFactor !== undefined ? t(lang, `扣超出部分 × ${rec.onInflation.deductFactor}`, `deduct excess × ${rec.onInflation.deductFactor}`) : '',
    rec.onInflation.maxStars !== undefined ? t(lang, `最高 ${rec.onInflation.maxStars} 星`, `at most ${rec.onInflation.maxStars} stars`) : '',
  ].filter(Boolean);
  return t(
    lang,
    `以${rec.authority === 'spot' ? '抽查' : '自评'}为准；容差：${tol || '无'}；虚高时：${effects.join('、') || '无'}${rec.requireVerifiedForStars ? '；评星须经抽查核实' : ''}`,
    `${rec.authority} counts; tolerance: ${tol || 'none'}; on inflation: ${effects.join(', ') || 'nothing'}${rec.requireVerifiedForStars ? '; stars need a spot check' : ''}`,
  );
}

export function renderRubricText(r: LoadedRubric, lang: Lang): string {
  const d = r.data;
  const lines = header(r, lang);
  lines.push('');
  const visit = (node: RubricNode, depth: number) => {
    const pad = '  '.repeat(depth);
    if (node.children && node.children.length > 0) {
      lines.push(`${pad}${node.id} ${node.name}  ${node.points}`);
      for (const c of node.children) visit(c, depth + 1);
    } else if (node.scoring) {
      lines.push(`${pad}${node.id} ${node.name}  ${node.points}  [${kindName(node.scoring.kind, lang)}] ${describeRule(node.scoring, node.points, lang)}${naNote(node, lang)}`);
    } else lines.push(`${pad}${node.id} ${node.name}  ${node.points}`);
  };
  for (const m of d.modules) visit(m, 0);
  if (d.bonus) {
    lines.push('', t(lang, `${d.bonus.name}（上限 ${d.bonus.cap}）`, `${d.bonus.name} (cap ${d.bonus.cap})`));
    for (const i of d.bonus.items) visit(i, 1);
  }
  if (d.vetoes.length > 0) {
    lines.push('', t(lang, '一票否决', 'Vetoes'));
    for (const v of d.vetoes) lines.push(`  ${v.id} ${v.name}: ${vetoEffect(v.effect, v.maxStars, lang)}`);
  }
  lines.push('', t(lang, '星级', 'Star levels'), ...starLines(r, lang).map((l) => `  ${l}`));
  lines.push('', t(lang, '自评与抽查', 'Self-assessment and spot check'), `  ${reconciliationLine(r, lang)}`);
  return `${lines.join('\n')}\n`;
}

function vetoEffect(effect: string, maxStars: number | undefined, lang: Lang): string {
  if (effect === 'no-star') return t(lang, '不予评星', 'no star');
  if (effect === 'zero-total') return t(lang, '总分记 0', 'total 0');
  return t(lang, `最高 ${maxStars ?? '?'} 星`, `at most ${maxStars ?? '?'} stars`);
}

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderRubricMarkdown(r: LoadedRubric, lang: Lang): string {
  const d = r.data;
  const [title, ...rest] = header(r, lang);
  const out = [`# ${md(title)}`, '', ...rest.map((l) => `${md(l)}  `), ''];
  const row = (node: RubricNode, depth: number) => {
    const name = depth === 0 ? `**${md(node.name)}**` : `${'　'.repeat(depth)}${md(node.name)}`;
    const kind = node.scoring && !(node.children && node.children.length) ? kindName(node.scoring.kind, lang) : '';
    const rule = node.scoring && !(node.children && node.children.length) ? md(describeRule(node.scoring, node.points, lang) + naNote(node, lang)) : '';
    out.push(`| ${node.id} | ${name} | ${node.points} | ${kind} | ${rule} |`);
    for (const c of node.children ?? []) row(c, depth + 1);
  };
  const table = (nodes: RubricNode[]) => {
    out.push(t(lang, '| 编号 | 名称 | 分值 | 评分方式 | 规则 |', '| Id | Name | Points | Kind | Rule |'), '|---|---|---:|---|---|');
    for (const n of nodes) row(n, 0);
    out.push('');
  };
  out.push(t(lang, '## 评估指标', '## Indicators'), '');
  table(d.modules);
  if (d.bonus) {
    out.push(t(lang, `## ${md(d.bonus.name)}（上限 ${d.bonus.cap}）`, `## ${md(d.bonus.name)} (cap ${d.bonus.cap})`), '');
    table(d.bonus.items);
  }
  if (d.vetoes.length > 0) {
    out.push(t(lang, '## 一票否决', '## Vetoes'), '');
    for (const v of d.vetoes) out.push(`- ${v.id} ${md(v.name)}: ${vetoEffect(v.effect, v.maxStars, lang)}`);
    out.push('');
  }
  out.push(t(lang, '## 星级', '## Star levels'), '', ...starLines(r, lang).map((l) => `- ${md(l)}`), '');
  out.push(t(lang, '## 自评与抽查', '## Self-assessment and spot check'), '', md(reconciliationLine(r, lang)), '');
  return out.join('\n');
}
