/** 问题说明（中文）。Parameters: ./catalogue.ts. */
import type { AreaCatalogue, CoreParams, StationRef } from './catalogue.js';

/** "示例县 城关镇"; the county is left out when the name already starts with it. */
export function stationZh(s: StationRef): string {
  return s.county && !s.name.startsWith(s.county) ? `${s.county} ${s.name}` : s.name;
}

export const zh: AreaCatalogue<CoreParams> = {
  DUPLICATE_STATION: (p) => `同一站点有 ${p.count} 份自评表（${p.files.join('、')}），无法判断以哪份为准，均未评分`,
  ROSTER_AMBIGUOUS: (p) => `站点名册中有多个同名站点（${p.candidates.map((c) => `${c.county ?? ''} ${c.name}`).join('、')}），请在自评表中填写所属县(市、区)`,
  NOT_IN_ROSTER: (p) => `站点“${p.station.county ?? ''} ${p.station.name}”不在站点名册中（已评分，请核对名称）`,
  SPOT_DUPLICATE: (p) => `站点“${p.station.name}”有多份抽查记录，只采用第一份（${p.first}）`,
  SPOT_AMBIGUOUS: (p) => `抽查记录“${p.station.name}”对应多个站点（${p.files.join('、')}），请填写所属县(市、区)`,
  SPOT_UNMATCHED: (p) => `抽查记录“${p.station.county ?? ''} ${p.station.name}”找不到对应的自评表（站点未提交或名称不一致）`,
  SPOT_OTHER_COUNTY: (p) => `抽查记录“${stationZh(p.spot)}”与站点“${stationZh(p.station)}”同名但不属于同一个县(市、区)，未采用；如确为同一站点，请核对两份表中的所属县(市、区)`,
  SPOT_NOT_SAMPLED: (p) => `抽查汇总表中没有“${stationZh(p.station)}”（未被抽查），按自评结果计算`,
  SPOT_REPLACED: (p) => `自评表中的抽查栏被 ${p.source} 的抽查记录取代`,
  SPOT_EMPTY: () => '抽查表中没有任何抽查得分（抽查得分/抽查填报栏都是空的）',
  INTERNAL_ERROR: (p) => `内部错误（程序缺陷，请报告）：${p.stack}`,
  IMPORT_NO_SHEET: (p) => `没有名为“${p.sheet}”的工作表（有：${p.sheets.join('、')}）`,
  IMPORT_NO_HEADER: (p) => `前 ${p.rows} 行中找不到表头：需要分值列（分值/标准分/满分）和至少一个文字列（标准要求/评估内容、评分标准、二级指标、三级指标……）`,
  IMPORT_POINTS_NOT_A_NUMBER: (p) => `分值“${p.text}”不是数字（应为 0 或正数，如 10 或 2.5）`,
  IMPORT_POINTS_BLANK: (p) => `这一行有评估内容或评分标准，但分值是空的（${p.text}）`,
  IMPORT_NO_ITEMS: (p) => `第 ${p.headerRow} 行是表头，但下面没有一行有分值`,
  IMPORT_ROW_SKIPPED: (p) => `不是评分项（没有分值和评分标准），未导入：${p.text}`,
  IMPORT_MODULE_SUM: (p) => `模块 ${p.id}「${p.name}」印的分值 ${p.declared}，所列各项合计 ${p.items}`,
  IMPORT_GROUP_SUM: (p) => `指标 ${p.id}「${p.name}」印的分值 ${p.declared}，所列各项合计 ${p.items}`,
  IMPORT_TOTAL: (p) => `合计印的是 ${p.declared}，各模块分值之和是 ${p.modules}`,
  IMPORT_DUPLICATE_ID: (p) => `编号 ${p.id} 重复（${p.first} 已有）`,
  IMPORT_MODULE_POINTS_CONFLICT: (p) => `模块 ${p.id}「${p.name}」在这里印的分值是 ${p.other}，前面是 ${p.declared}（草稿取 ${p.declared}）`,
};
