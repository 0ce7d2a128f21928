/**
 * Messages of several scoring parties (rubric `parties`) outside the engine:
 * reading a workbook's party columns (src/workbook/read-station-workbook.ts).
 */
import type { AreaCatalogue } from '../catalogue.js';

export interface PartiesParams {
  /** `--columns KEY=…`: KEY is no column role and names no scoring party of the rubric. */
  COLUMNS_UNKNOWN_KEY: { key: string; roles: string[]; parties: string[] };
  /** A party's column was named twice (by two --columns keys, e.g. buyer=J and 采购方=K). */
  COLUMNS_PARTY_TWICE: { key: string; party: string; first: string };
}

const list = (xs: string[], sep: string) => xs.join(sep);

export const zh: AreaCatalogue<PartiesParams> = {
  COLUMNS_UNKNOWN_KEY: (p) =>
    `--columns 的“${p.key}”既不是列的用途（${list(p.roles, '、')}），也不是本细则的评分方${p.parties.length > 0 ? `（评分方：${list(p.parties, '、')}；写 评分方编号=列 或 名称得分=列，填报列写 编号Input=列）` : '（本细则没有 parties）'}`,
  COLUMNS_PARTY_TWICE: (p) => `--columns 的“${p.key}”与“${p.first}”指的是同一评分方「${p.party}」的同一列，只能写一次`,
};

export const en: AreaCatalogue<PartiesParams> = {
  COLUMNS_UNKNOWN_KEY: (p) =>
    `--columns "${p.key}" is neither a column role (${list(p.roles, ', ')}) nor a scoring party of this rubric${p.parties.length > 0 ? ` (parties: ${list(p.parties, ', ')}; write PARTY=COL or NAME得分=COL, and PARTYInput=COL for its 填报 column)` : ' (the rubric has no parties)'}`,
  COLUMNS_PARTY_TWICE: (p) => `--columns "${p.key}" and "${p.first}" name the same column of scoring party "${p.party}"; give it once`,
};
