import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/problems/catalogue.js';
import type { Problem } from '../../src/problems/problem.js';
import { formatLocation, formatProblem, messageOf, parseLocation, placeInFile, problem } from '../../src/problems/render.js';
import { validateRubricBytes } from '../../src/rubric/load-rubric.js';
import { must } from '../../src/util/must.js';

describe('problems', () => {
  it('locations read as people write them', () => {
    expect(formatLocation({ file: '城关镇.xlsx', sheet: '自评表', cell: 'H23' })).toBe('城关镇.xlsx › 自评表!H23');
    expect(formatLocation({ file: '抽查汇总.xlsx', sheet: '汇总', row: 7 })).toBe('抽查汇总.xlsx › 汇总!7');
    expect(formatLocation({ file: '城关镇.xlsx', sheet: '自评表' })).toBe('城关镇.xlsx › 自评表');
    expect(formatLocation({ file: 'r.yaml', line: 12, column: 5, path: 'modules[2].points' })).toBe('r.yaml:12:5');
    expect(formatLocation({ file: '城关镇.xlsx' })).toBe('城关镇.xlsx');
    expect(formatLocation({})).toBe('');
    expect(placeInFile({ file: 'a.xlsx', sheet: 'S', cell: 'B2' })).toBe('S!B2');
    expect(placeInFile({ file: 'a.xlsx' })).toBeUndefined();
  });

  it('a location written as text is split into its parts and formats back to the same text', () => {
    for (const text of ['城关镇.xlsx › 自评表!H23', '抽查汇总.xlsx › 汇总!7', '城关镇.xlsx › 自评表', '城关镇.xlsx', '自评表!C3', 'a › b › 表!A1'])
      expect(formatLocation(parseLocation(text))).toBe(text);
    expect(parseLocation('城关镇.xlsx › 自评表!H23')).toEqual({ file: '城关镇.xlsx', sheet: '自评表', cell: 'H23' });
    expect(parseLocation('抽查汇总.xlsx › 汇总!7')).toEqual({ file: '抽查汇总.xlsx', sheet: '汇总', row: 7 });
  });

  it('messages come from the catalogue of the language; an uncatalogued code is shown as itself', () => {
    const p = problem('SPOT_OTHER_COUNTY', 'warning', { file: '抽查汇总.xlsx', sheet: '汇总', row: 3 }, { station: { name: '城关镇', county: '甲县' }, spot: { name: '城关镇', county: '乙县' } });
    expect(messageOf(p, 'zh')).toBe('抽查记录“乙县 城关镇”与站点“甲县 城关镇”同名但不属于同一个县(市、区)，未采用；如确为同一站点，请核对两份表中的所属县(市、区)');
    expect(formatProblem(p, 'en')).toBe(
      '抽查汇总.xlsx › 汇总!3: spot-check record "乙县 城关镇" has the name of station "甲县 城关镇" but another county: not applied; if it is the same station, correct the county in one of the files',
    );
    // A catalogued code renders from the catalogue even without params (a code whose message takes none).
    const bare: Problem = { code: 'ROSTER_NO_HEADER', severity: 'error', location: { file: '名册.xlsx' } };
    expect(messageOf(bare, 'zh')).toBe('找不到站点名册的表头：需要一行含“站点名称”（以及“所属县(市、区)”等）的表头');
    expect(messageOf(bare, 'en')).toBe('no roster header found: need a header row with 站点名称 (and 所属县(市、区) …)');
    expect(messageOf({ code: 'X', severity: 'error', location: {} }, 'zh')).toBe('X');
    expect(messageOf({ code: 'CELL_NOT_A_NUMBER', severity: 'error', location: {} }, 'en')).toBe('CELL_NOT_A_NUMBER'); // its params are missing
  });

  it('both catalogues hold the same codes', () => {
    expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues.zh).sort());
  });

  it('a rubric diagnostic is a problem: located at file:line:column, a catalogued code with parameters, its message in both languages', () => {
    const { diagnostics } = validateRubricBytes(new TextEncoder().encode('id: x\nid: y\n'), 'dup.yaml');
    const d = must(diagnostics.find((x) => x.code === 'YAML_DUPLICATE_KEY'));
    expect(d.location).toEqual({ file: 'dup.yaml', line: 2, column: 1, path: '' });
    expect(d.params).toEqual({ detail: 'Map keys must be unique' });
    expect(formatProblem(d, 'zh')).toBe('dup.yaml:2:1: YAML 键重复（Map keys must be unique）');
    expect(messageOf(d, 'en')).toBe('YAML: Map keys must be unique');
  });
});
