/**
 * An imported table (read-table.ts) → the text of a draft rubric YAML.
 *
 * Everything stays as printed: module and group points as declared (not the sum
 * of their items), numbers as printed, the rule text verbatim in `standard` and
 * the content in `content`, so `rubric validate` reports each defect of the
 * table at its line. Ids: a plain number printed per module ("1", "2" … under
 * 安全部分) becomes `<module>.<number>`; dotted numbers ("1.2.3") are kept;
 * rows without a number get the next free position. Each item gets the rule
 * detect-rule.ts recognises, free points (`range`) otherwise. The star levels
 * are a placeholder (tables rarely print them), said in the file and in
 * `illustrative`, so no report from the draft can pass for an official one.
 * Pure: data in, text out.
 */
import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Problem, ProblemLocation } from '../../problems/problem.js';
import { formatLocation, problem } from '../../problems/render.js';
import type { RubricNode, ScoringRule } from '../schema.js';
import { detectRule, type DetectedShape } from './detect-rule.js';
import type { ImportedTable, TableGroup, TableItem, TableModule } from './read-table.js';

export interface DraftOptions {
  /** The table's file name as shown to the user (cited in the draft). */
  source: string;
  /** Rubric id; default from the file name, or "imported". */
  id?: string;
  /** Title; default the table's title row, or the file name. */
  title?: string;
  /** Path from the draft to rubric.schema.json, for editors (yaml-language-server); omitted when absent. */
  schemaPath?: string;
}

export interface DraftModuleSummary {
  id: string;
  name: string;
  /** Points as printed for the module, or the items' sum when none was printed. */
  points: number;
  declared: boolean;
  /** Sum of the module's items. */
  itemsSum: number;
  items: number;
}

export interface DraftSummary {
  modules: DraftModuleSummary[];
  /** A module named 加分… becomes the bonus pool: its name, cap (points printed, else the items' sum) and items. */
  bonus?: { name: string; cap: number; items: number; itemsSum: number };
  items: number;
  /** The draft's `total`: the declared total if printed, else the modules' sum. */
  total: number;
  totalDeclared: boolean;
  shapes: Record<DetectedShape, number>;
  /** Defects of the table, kept in the draft as printed (IMPORT_MODULE_SUM, IMPORT_DUPLICATE_ID …). */
  defects: Problem[];
  /** Rows not imported (IMPORT_ROW_SKIPPED). */
  skipped: Problem[];
}

export interface Draft {
  yaml: string;
  /** The draft as data (the same values as the YAML). */
  modules: RubricNode[];
  summary: DraftSummary;
}

/** Scaled-integer sum, exact for up to 4 decimals. */
function sum(values: number[]): number {
  return values.reduce((s, v) => s + Math.round(v * 10_000), 0) / 10_000;
}

function decimals(n: number): number {
  const s = String(n);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** A short name from the first sentence of a text, at most 24 characters. */
export function shortName(text: string): string {
  const first = text.split(/\s+\/\s+|\r?\n/)[0].trim();
  const clause = first.split(/[，,；;。：:]/)[0].trim() || first;
  const chars = Array.from(clause);
  return chars.length > 24 ? `${chars.slice(0, 23).join('')}…` : clause;
}

/** A name as one line: a line break inside a cell is a manual wrap ("牌匾\n悬挂" → "牌匾悬挂"). */
const oneLine = (s: string) => s.replace(/[ \t]*\r?\n[ \t]*/g, '').trim();

/** An ASCII id from the file name, or "imported". */
function idFrom(source: string): string {
  const base = source
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]+$/, '')
    .toLowerCase();
  const ascii = base.replace(/[^a-z0-9._-]+/g, '-').replace(/^[-._]+|[-._]+$/g, '');
  return /^[a-z0-9]/.test(ascii) && ascii.length >= 2 ? ascii : 'imported';
}

const segments = (id: string) => id.split('.').length;

/** The most common value, or undefined when the list is empty. */
function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let most = 0;
  for (const [v, n] of counts)
    if (n > most) {
      best = v;
      most = n;
    }
  return best;
}

interface Built {
  node: RubricNode;
  /** YAML comment above the node. */
  comment?: string;
  children?: Built[];
}

export function buildDraft(table: ImportedTable, options: DraftOptions): Draft {
  const shapes: Record<DetectedShape, number> = { checklist: 0, deduction: 0, 'assessed-deduction': 0, 'checklist-deduction': 0, composite: 0, count: 0, tiers: 0, boolean: 0, range: 0 };
  const defects: Problem[] = [];
  const seenIds = new Map<string, ProblemLocation>();
  const note = (id: string, at: ProblemLocation) => {
    const first = seenIds.get(id);
    if (first !== undefined) defects.push(problem('IMPORT_DUPLICATE_ID', 'error', at, { id, first: formatLocation(first) }, { received: id }));
    else seenIds.set(id, at);
  };

  const itemsOf = (m: TableModule): TableItem[] => m.entries.flatMap((e) => ('kind' in e ? e.items : [e]));

  const item = (it: TableItem, id: string, fallbackName?: string): Built => {
    note(id, it.at);
    const detected = detectRule({ content: it.content, standard: it.standard, points: it.points });
    shapes[detected.shape]++;
    // A composite item (服务内容 ≤ 20 + 服务绩效 ≤ 40): an indicator whose parts are scored items, each capped (docs § 4.7b).
    const parts = detected.parts?.map((p, i): Built => ({
      node: { id: `${id}.${i + 1}`, name: p.name, points: p.points, standard: p.standard, scoring: p.rule.scoring },
      comment: [
        `复合项目的一部分：“${p.name}”最高 ${p.points} 分`,
        ...(p.rule.shape === 'range' ? ['未能识别评分规则，暂按区间打分（range）；请按评分标准改写'] : []),
        ...(p.rule.note ? [p.rule.note] : []),
      ].join('\n'),
    }));
    const node: RubricNode = {
      id,
      name: oneLine(it.name ?? fallbackName ?? (shortName(it.content || it.standard) || `项目 ${id}`)),
      points: it.points,
      ...(it.content ? { content: it.content } : {}),
      ...(it.standard ? { standard: it.standard } : {}),
      ...(it.method ? { method: it.method } : {}),
      ...(parts ? { children: parts.map((p) => p.node) } : { scoring: detected.scoring }),
    };
    const comments = [formatLocation(it.at)];
    if (parts) comments.push(`评分标准分为 ${parts.length} 部分，各有上限，合计 ${it.points} 分：写成有下级的指标（见 docs/rubric-format.md 4.7b）`);
    if (it.printedIdText !== undefined) comments.push(`表中编号“${it.printedIdText}”不是数字编号，已按位置编为 ${id}`);
    if (detected.shape === 'range') comments.push('未能识别评分规则，暂按区间打分（range）；请按评分标准改写');
    if (detected.note) comments.push(detected.note);
    return { node, comment: comments.join('\n'), ...(parts ? { children: parts } : {}) };
  };

  // Numbered down the whole sheet (1 … 42 across modules, the number never restarting): each item keeps its
  // number as printed, and the modules, which print none of their own, are M1, M2 … so no id is taken twice.
  // Numbered within each module (1 … 15, then 1 … 8): the module's id goes in front (2.3), as before.
  // One module named 加分… (加分项, 创新加分) is the bonus pool, outside the total.
  const bonusModules = table.modules.filter((m) => /加分/.test(m.name));
  const bonusModule = bonusModules.length === 1 ? bonusModules[0] : undefined;
  const scoredModules = table.modules.filter((m) => m !== bonusModule);
  const scoredItems = scoredModules.flatMap(itemsOf);
  const flatNumbers = scoredItems.map((i) => i.printedId).filter((p): p is string => p !== undefined && !p.includes('.'));
  const flat = scoredModules.length > 1 && flatNumbers.length === scoredItems.length && new Set(flatNumbers).size === flatNumbers.length;
  // The bonus block's items keep their numbers too when they continue the sequence (…, 6 then 加分项 7).
  const bonusNumbers = bonusModule ? itemsOf(bonusModule).map((i) => i.printedId) : [];
  const bonusFlat = flat && bonusNumbers.every((p) => p !== undefined && !p.includes('.') && !flatNumbers.includes(p)) && new Set(bonusNumbers).size === bonusNumbers.length;

  /** Id of an item under `parent`: as printed, or parent + printed number, or the next position. */
  const itemId = (it: TableItem, parent: string, position: number, bonusItem = false): string => {
    const p = it.printedId;
    if (p === undefined) return `${parent}.${position}`;
    if (!p.includes('.')) return (bonusItem ? bonusFlat : flat) ? p : `${parent}.${p}`;
    return p;
  };

  const built: Built[] = [];
  const summaries: DraftModuleSummary[] = [];
  let bonus: { name: string; cap: number; built: Built[]; comment: string; items: number; itemsSum: number } | undefined;
  table.modules.forEach((m, mi) => {
    const isBonus = m === bonusModule;
    const items = itemsOf(m);
    const dotted = items.map((i) => i.printedId).filter((p): p is string => p !== undefined && p.includes('.'));
    const moduleId = flat
      ? `M${m.printedId ?? mi + 1}`
      : ((dotted.length > 0 && dotted.length === items.filter((i) => i.printedId !== undefined).length ? mostCommon(dotted.map((p) => p.split('.')[0])) : undefined) ?? m.printedId ?? String(mi + 1));
    const itemsSum = sum(items.map((i) => i.points));
    const declared = m.declaredPoints;
    const points = declared ?? itemsSum;
    if (!isBonus) note(moduleId, m.at);
    if (!isBonus && declared !== undefined && declared !== itemsSum)
      defects.push(problem('IMPORT_MODULE_SUM', 'error', m.at, { id: moduleId, name: m.name, declared, items: itemsSum }, { received: declared, expected: itemsSum }));
    // Conflicting points are only recorded against points printed first.
    if (declared !== undefined)
      for (const c of m.conflictingPoints)
        defects.push(problem('IMPORT_MODULE_POINTS_CONFLICT', 'error', c.at, { id: moduleId, name: m.name, declared, other: c.value }, { received: c.value, expected: declared }));

    const children: Built[] = [];
    m.entries.forEach((e, ei) => {
      if (!('kind' in e)) {
        children.push(item(e, itemId(e, moduleId, ei + 1, isBonus)));
        return;
      }
      const g: TableGroup = e;
      const gSum = sum(g.items.map((i) => i.points));
      // A group with one unnamed item whose points it repeats is that item (一级 | 二级指标 | 内容 | 分值 tables).
      if (g.items.length === 1 && g.items[0].name === undefined && (g.declaredPoints === undefined || g.declaredPoints === g.items[0].points)) {
        const only = g.items[0];
        const id = only.printedId?.includes('.')
          ? only.printedId
          : g.printedId?.includes('.')
            ? g.printedId
            : (isBonus ? bonusFlat : flat) && only.printedId !== undefined
              ? only.printedId
              : `${moduleId}.${only.printedId ?? g.printedId ?? ei + 1}`;
        children.push(item(only, id, g.name));
        return;
      }
      const deep = g.items.map((i) => i.printedId).filter((p): p is string => p !== undefined && segments(p) >= 3);
      const groupId =
        (deep.length > 0 ? mostCommon(deep.map((p) => p.split('.').slice(0, 2).join('.'))) : undefined) ?? (g.printedId?.includes('.') ? g.printedId : `${moduleId}.${g.printedId ?? ei + 1}`);
      note(groupId, g.at);
      const gPoints = g.declaredPoints ?? gSum;
      if (g.declaredPoints !== undefined && g.declaredPoints !== gSum)
        defects.push(problem('IMPORT_GROUP_SUM', 'error', g.at, { id: groupId, name: g.name, declared: g.declaredPoints, items: gSum }, { received: g.declaredPoints, expected: gSum }));
      const kids = g.items.map((it, ii) => item(it, itemId(it, groupId, ii + 1, isBonus)));
      children.push({
        node: { id: groupId, name: oneLine(g.name), points: gPoints, children: kids.map((k) => k.node) },
        comment: g.declaredPoints === undefined ? `${formatLocation(g.at)}（表中未印分值，取各项合计 ${gSum}）` : formatLocation(g.at),
        children: kids,
      });
    });
    const comment = [
      formatLocation(m.at),
      ...(flat && !isBonus ? [`表中序号全表连续（不按模块重新编号），各项编号照录；模块编为 ${moduleId}`] : []),
      declared === undefined
        ? `表中未印模块分值，取各项合计 ${itemsSum}`
        : declared === itemsSum
          ? `表中模块分值 ${declared}，各项合计 ${itemsSum}`
          : `注意：表中模块分值 ${declared}，但所列各项合计 ${itemsSum}（按表照录，rubric validate 会报告）`,
      ...m.conflictingPoints.map((c) => `注意：${formatLocation(c.at)} 印的模块分值是 ${c.value}，与 ${declared} 不一致`),
    ].join('\n');
    if (isBonus) {
      const bonusComment = [
        formatLocation(m.at),
        `“${m.name}”作为加分项（bonus）导入，不计入 total；上限 cap ${declared === undefined ? `取各项合计 ${itemsSum}（表中未印）` : `${declared}（表中所印）`}。`,
        '请按方案确认上限，以及基础分加加分后是否截断到满分（clampTotal，默认截断）。',
      ].join('\n');
      bonus = { name: oneLine(m.name), cap: points, built: children, comment: bonusComment, items: items.length, itemsSum };
      return;
    }
    built.push({ node: { id: moduleId, name: oneLine(m.name), points, children: children.map((c) => c.node) }, comment, children });
    summaries.push({ id: moduleId, name: oneLine(m.name), points, declared: declared !== undefined, itemsSum, items: items.length });
  });

  const modulesSum = sum(summaries.map((m) => m.points));
  const total = table.declaredTotal?.value ?? modulesSum;
  if (table.declaredTotal && table.declaredTotal.value !== modulesSum)
    defects.push(problem('IMPORT_TOTAL', 'error', table.declaredTotal.at, { declared: table.declaredTotal.value, modules: modulesSum }, { received: table.declaredTotal.value, expected: modulesSum }));

  const allPoints = [...built, ...(bonus?.built ?? [])].flatMap(function walk(b): number[] {
    return [b.node.points, ...(b.children ?? []).flatMap(walk), ...scoringPoints(b.node.scoring)];
  });
  const precision = Math.min(4, Math.max(0, ...allPoints.map(decimals)));
  const title = options.title ?? table.title ?? options.source.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const itemCount = summaries.reduce((n, m) => n + m.items, 0) + (bonus?.items ?? 0);

  const data = {
    id: options.id ?? idFrom(options.source),
    title,
    version: 'draft',
    illustrative: `由 station-eval rubric import 从表格“${options.source}”导入的草稿：评分规则为自动识别，星级规则为占位，尚未核对，不能用于正式评估。`,
    description: `导入自 ${options.source}（工作表“${table.sheet}”，第 ${table.headerRow} 行为表头）。`,
    total,
    precision,
    modules: built.map((b) => b.node),
    ...(bonus ? { bonus: { name: bonus.name, cap: bonus.cap, items: bonus.built.map((b) => b.node) } } : {}),
    stars: { levels: [{ level: 1, name: '待定', minTotal: total }] },
  };

  const doc = new Document(data);
  const header = [
    ...(options.schemaPath ? [`yaml-language-server: $schema=${options.schemaPath}`, ''] : []),
    `由 station-eval rubric import 生成的草稿（来源：${options.source}，工作表“${table.sheet}”）。`,
    '模块、编号、分值、标准要求（content）和评分标准（standard）均按表照录，表中的缺陷（分值合计不符、编号重复……）',
    '也原样保留，运行 station-eval rubric validate 逐条报告。完成前请：',
    '  1. 核对每个项目的 scoring（自动识别的规则见各项上方的注释，未识别的暂为 range 区间打分）；',
    '  2. 按方案填写 stars（下面只是占位）、vetoes、reconciliation；',
    '  3. 改正或确认表中的缺陷，删除 illustrative 和本段说明。',
  ];
  doc.commentBefore = header.map((l) => (l ? ` ${l}` : '')).join('\n');
  const modulesSeq = doc.get('modules', true);
  if (isSeq(modulesSeq)) {
    const attach = (nodes: Node[], list: Built[]) => {
      list.forEach((b, i) => {
        const n = nodes[i];
        if (!isMap(n)) return;
        const id = n.get('id', true);
        if (isScalar(id)) id.type = 'QUOTE_DOUBLE'; // "1.10" must stay a string, and all ids look alike
        if (b.comment)
          n.commentBefore = b.comment
            .split('\n')
            .map((l) => ` ${l}`)
            .join('\n');
        const scoring = n.get('scoring', true);
        if (isMap(scoring) && b.node.scoring && !('conditions' in b.node.scoring) && !('tiers' in b.node.scoring)) scoring.flow = true;
        if (isMap(scoring)) {
          for (const key of ['conditions', 'tiers']) {
            const seq = scoring.get(key, true);
            if (isSeq(seq)) for (const entry of seq.items) if (isMap(entry)) entry.flow = true;
          }
        }
        const kids = n.get('children', true);
        if (isSeq(kids) && b.children) attach(kids.items as Node[], b.children);
      });
    };
    attach(modulesSeq.items as Node[], built);
    const bonusNode = doc.get('bonus', true);
    const bonusItems = isMap(bonusNode) ? bonusNode.get('items', true) : undefined;
    if (bonus && isMap(bonusNode) && isSeq(bonusItems)) {
      bonusNode.commentBefore = bonus.comment
        .split('\n')
        .map((l) => ` ${l}`)
        .join('\n');
      attach(bonusItems.items as Node[], bonus.built);
    }
  }
  const stars = doc.getIn(['stars', 'levels', 0], true);
  if (isMap(stars)) {
    stars.flow = true;
    stars.commentBefore = ' 占位：表中没有星级规则。请按方案写出各级门槛（见 docs/rubric-format.md 第 8 节）。';
  }
  const yaml = doc.toString({ lineWidth: 0, indentSeq: true });

  return {
    yaml,
    modules: data.modules,
    summary: {
      modules: summaries,
      ...(bonus ? { bonus: { name: bonus.name, cap: bonus.cap, items: bonus.items, itemsSum: bonus.itemsSum } } : {}),
      items: itemCount,
      total,
      totalDeclared: table.declaredTotal !== undefined,
      shapes,
      defects,
      skipped: table.skipped,
    },
  };
}

function scoringPoints(rule: ScoringRule | undefined): number[] {
  if (!rule) return [];
  switch (rule.kind) {
    case 'checklist':
      return rule.conditions.map((c) => c.points);
    case 'tiers':
      return rule.tiers.map((t) => t.points);
    case 'count':
      return [rule.base.points, rule.increment, ...(rule.cap === undefined ? [] : [rule.cap])];
    case 'deduction':
      return [rule.per, ...(rule.floor === undefined ? [] : [rule.floor])];
    default:
      return [];
  }
}
