import { describe, expect, it } from 'vitest';
import { isMismatch, planStations, type SelfRead, type SpotRecord } from '../../src/pipeline/plan.js';
import { formatProblem } from '../../src/problems/render.js';
import { rosterStations } from '../../src/workbook/read-roster.js';
import { must } from '../../src/util/must.js';

/** Entries are opaque to the planner: a label stands in for them. */
const self = (relative: string, name: string, county?: string, spot?: string): SelfRead<string> => ({
  relative,
  station: county ? { name, county } : { name },
  self: `self:${relative}`,
  ...(spot ? { spot } : {}),
});
const spot = (row: number, name: string, county?: string): SpotRecord<string> => ({
  station: county ? { name, county } : { name },
  entries: `spot:${row}`,
  source: `抽查汇总.xlsx › 汇总!${row}`,
  location: { file: '抽查汇总.xlsx', sheet: '汇总', row },
});
const lines = (ps: { code: string }[]) => ps.map((p) => formatProblem(p as never, 'zh'));

describe('planStations', () => {
  it('matches by county + normalised name, never across counties', () => {
    const plan = planStations(
      [self('甲县/城关镇.xlsx', '城关镇社工站', '甲县'), self('乙县/城关镇.xlsx', '城关镇 社会工作服务站', '乙县')],
      [spot(2, '城关镇', '乙县'), spot(3, '城关镇社工站', '丙县')],
      undefined,
      { scope: 'batch' },
    );
    expect(plan.stations.map((s) => [s.relative, s.spot ?? null, s.spotMatch])).toEqual([
      ['甲县/城关镇.xlsx', null, { kind: 'none' }],
      ['乙县/城关镇.xlsx', 'spot:2', { kind: 'record', how: 'exact', source: '抽查汇总.xlsx › 汇总!2' }],
    ]);
    expect(plan.spotChecked).toBe(1);
    // 丙县's record has namesakes in two other counties: both named, never applied.
    expect(lines(plan.problems)).toEqual([
      '抽查汇总.xlsx › 汇总!3: 抽查记录“丙县 城关镇社工站”与站点“甲县 城关镇社工站”同名但不属于同一个县(市、区)，未采用；如确为同一站点，请核对两份表中的所属县(市、区)',
      '抽查汇总.xlsx › 汇总!3: 抽查记录“丙县 城关镇社工站”与站点“乙县 城关镇 社会工作服务站”同名但不属于同一个县(市、区)，未采用；如确为同一站点，请核对两份表中的所属县(市、区)',
    ]);
    expect(plan.problems.every(isMismatch)).toBe(true);
  });

  it('a record without a county matches a name unique among the workbooks; an ambiguous one is refused', () => {
    const reads = [self('a.xlsx', '城关镇', '甲县'), self('b.xlsx', '城关镇', '乙县'), self('c.xlsx', '东湖街道', '甲县')];
    const plan = planStations(reads, [spot(2, '东湖街道'), spot(3, '城关镇')], undefined, { scope: 'batch' });
    expect(must(plan.stations.find((s) => s.relative === 'c.xlsx')).spotMatch).toEqual({ kind: 'record', how: 'by-name', source: '抽查汇总.xlsx › 汇总!2' });
    expect(plan.stations.filter((s) => s.spot).length).toBe(1);
    expect(plan.problems.map((p) => [p.code, p.params])).toEqual([['SPOT_AMBIGUOUS', { station: { name: '城关镇' }, files: ['a.xlsx', 'b.xlsx'] }]]);
  });

  it('two workbooks for one station: neither scored; the roster fills gaps and names the missing', () => {
    const roster = rosterStations([
      { key: '', name: '城关镇社工站', county: '甲县', operator: '启明社工' },
      { key: '', name: '北山镇社工站', county: '甲县' },
      { key: '', name: '南山镇社工站', county: '乙县' },
    ]);
    const plan = planStations(
      [self('城关镇.xlsx', '城关镇', '甲县'), self('南山镇.xlsx', '南山镇', '乙县'), self('南山镇2.xlsx', '南山镇社工站', '乙县'), self('新站.xlsx', '新站', '甲县')],
      [],
      roster,
      { scope: 'batch' },
    );
    expect(plan.stations.map((s) => [s.relative, s.station.operator ?? null, s.rosterMatch.kind])).toEqual([
      ['城关镇.xlsx', '启明社工', 'matched'],
      ['新站.xlsx', null, 'none'],
    ]);
    expect(plan.missing.map((m) => m.name)).toEqual(['北山镇社工站']);
    expect(plan.problems.map((p) => [p.code, p.severity, p.location.file])).toEqual([
      ['DUPLICATE_STATION', 'error', '南山镇.xlsx'],
      ['DUPLICATE_STATION', 'error', '南山镇2.xlsx'],
      ['NOT_IN_ROSTER', 'warning', '新站.xlsx'],
    ]);
  });

  it('one station (score): other stations of the table are out of scope, namesakes and a not-sampled station are said', () => {
    const table = [spot(2, '城关镇', '乙县'), spot(3, '东湖街道', '甲县')];
    const plan = planStations([self('城关镇.xlsx', '城关镇社工站', '甲县')], table, undefined, { scope: 'station', spotFile: '抽查汇总.xlsx' });
    expect(plan.stations[0].spot).toBeUndefined();
    expect(lines(plan.problems)).toEqual([
      '抽查汇总.xlsx › 汇总!2: 抽查记录“乙县 城关镇”与站点“甲县 城关镇社工站”同名但不属于同一个县(市、区)，未采用；如确为同一站点，请核对两份表中的所属县(市、区)',
      '抽查汇总.xlsx: 抽查汇总表中没有“甲县 城关镇社工站”（未被抽查），按自评结果计算',
    ]);
    expect(plan.problems.map(isMismatch)).toEqual([true, false]);
    // --county 乙县: the user says the table's 乙县 row is this station.
    const as = planStations([self('城关镇.xlsx', '城关镇社工站', '甲县')], table, undefined, { scope: 'station', matchAs: { county: '乙县' }, spotFile: '抽查汇总.xlsx' });
    expect(as.stations[0].spot).toBe('spot:2');
    expect(as.problems).toEqual([]);
  });

  it('the workbook’s own spot-check columns count unless a record replaces them', () => {
    const plan = planStations([self('a.xlsx', '城关镇', '甲县', 'own'), self('b.xlsx', '东湖', '甲县', 'own-b')], [spot(2, '城关镇', '甲县')], undefined, { scope: 'batch' });
    expect(plan.stations.map((s) => [s.relative, s.spot, s.spotMatch.kind])).toEqual([
      ['a.xlsx', 'spot:2', 'record'],
      ['b.xlsx', 'own-b', 'in-workbook'],
    ]);
    expect(lines(plan.problems)).toEqual(['a.xlsx: 自评表中的抽查栏被 抽查汇总.xlsx › 汇总!2 的抽查记录取代']);
  });
});
