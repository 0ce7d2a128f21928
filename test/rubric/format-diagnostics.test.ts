import { describe, expect, it } from 'vitest';
import { diagnostic, type DiagnosticInit } from '../../src/rubric/diagnostics.js';
import { escapeGithubData, escapeGithubProperty, formatGithub, formatJson, formatSarif, formatText } from '../../src/rubric/format-diagnostics.js';

const place = { file: 'rubrics/细则.yaml', line: 9, column: 13, path: 'modules[0].points', severity: 'error', received: 6, expected: 7 } as const;
const d = (over: Partial<DiagnosticInit> = {}) =>
  diagnostic({ ...place, code: 'RUBRIC_SUM_MISMATCH', params: { node: { id: '1', name: '基础建设' }, points: 7, children: 2, total: 6 }, ...over } as DiagnosticInit);
const warn = diagnostic({ file: 'rubrics/细则.yaml', line: 2, column: 5, path: 'id', severity: 'warning', code: 'RUBRIC_ID_UNQUOTED', params: { key: 'id', source: '1.10', asNumber: '1.1' } });

/** The parts of a SARIF log the tests read. */
interface SarifLog {
  version: string;
  $schema: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string }[] } };
    results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: unknown }[] }[];
  }[];
}

describe('text', () => {
  it('starts each line with file:line:col, sorts by position and ends with a summary', () => {
    const out = formatText([d(), warn], { lang: 'zh', files: ['rubrics/细则.yaml'] });
    expect(out).toBe(
      'rubrics/细则.yaml:2:5 warning RUBRIC_ID_UNQUOTED 编号 1.10 未加引号，其他 YAML 工具会把它读成数字 1.1；请写成 "1.10" (id)\n' +
        'rubrics/细则.yaml:9:13 error RUBRIC_SUM_MISMATCH 1「基础建设」的分值为 7，但 2 个下级合计 6 (modules[0].points)\n' +
        '1 个错误，1 个警告（共 1 个文件）。\n',
    );
  });
  it('speaks English and colours only when asked', () => {
    expect(formatText([d()], { lang: 'en', files: ['a', 'b'] })).toContain('1 error, 0 warnings in 2 files.');
    expect(formatText([d()], { lang: 'zh' })).not.toContain('\u001b[');
    expect(formatText([d()], { lang: 'zh', color: true })).toContain('\u001b[');
  });
});

describe('github', () => {
  it('escapes % CR LF in the message and also : and , in properties', () => {
    expect(escapeGithubData('100% a\r\nb')).toBe('100%25 a%0D%0Ab');
    expect(escapeGithubProperty('C:\\x,y%')).toBe('C%3A\\x%2Cy%25');
  });
  it('writes one workflow command per diagnostic', () => {
    const out = formatGithub([d({ file: 'a,b:c.yaml', code: 'SCHEMA_INVALID', params: { path: 'modules[0].points', detail: '第一行\n第二行 100%' } }), warn], { lang: 'zh' }).split('\n');
    expect(out[1]).toBe('::warning file=rubrics/细则.yaml,line=2,col=5,title=RUBRIC_ID_UNQUOTED::编号 1.10 未加引号，其他 YAML 工具会把它读成数字 1.1；请写成 "1.10" (id)');
    expect(out[0]).toBe('::error file=a%2Cb%3Ac.yaml,line=9,col=13,title=SCHEMA_INVALID::modules[0].points：第一行%0A第二行 100%25 (modules[0].points)');
  });
});

describe('json', () => {
  it('carries counts per file and every diagnostic field', () => {
    const out = JSON.parse(formatJson([d(), warn], { lang: 'zh', files: ['rubrics/细则.yaml', 'ok.yaml'], tool: { name: 'station-eval', version: '0.1.0' } })) as {
      errorCount: number;
      warningCount: number;
      files: unknown[];
      diagnostics: unknown[];
    };
    expect(out.errorCount).toBe(1);
    expect(out.warningCount).toBe(1);
    expect(out.files).toEqual([
      { file: 'rubrics/细则.yaml', errorCount: 1, warningCount: 1 },
      { file: 'ok.yaml', errorCount: 0, warningCount: 0 },
    ]);
    // The messages are rendered from the catalogue in both languages, in the fields' usual order.
    expect(out.diagnostics[1]).toEqual({
      file: 'rubrics/细则.yaml',
      line: 9,
      column: 13,
      path: 'modules[0].points',
      code: 'RUBRIC_SUM_MISMATCH',
      severity: 'error',
      message: '1「基础建设」的分值为 7，但 2 个下级合计 6',
      messageEn: '1 "基础建设" declares 7 points but its 2 children add up to 6',
      received: 6,
      expected: 7,
      params: { node: { id: '1', name: '基础建设' }, points: 7, children: 2, total: 6 },
    });
    expect(Object.keys(out.diagnostics[1] as object)).toEqual(['file', 'line', 'column', 'path', 'code', 'severity', 'message', 'messageEn', 'received', 'expected', 'params']);
  });
});

describe('sarif', () => {
  it('is a SARIF 2.1.0 log with rules and located results', () => {
    const log = JSON.parse(formatSarif([d(), warn], { lang: 'en', files: ['rubrics/细则.yaml'], tool: { name: 'station-eval', version: '0.1.0' } })) as SarifLog;
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toContain('sarif-2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('station-eval');
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['RUBRIC_ID_UNQUOTED', 'RUBRIC_SUM_MISMATCH']);
    const result = run.results[1];
    expect(result.ruleId).toBe('RUBRIC_SUM_MISMATCH');
    expect(result.ruleIndex).toBe(1);
    expect(result.level).toBe('error');
    expect(result.message.text).toBe('1 "基础建设" declares 7 points but its 2 children add up to 6');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'rubrics/%E7%BB%86%E5%88%99.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 9, startColumn: 13 },
    });
    expect(run.results[0].level).toBe('warning');
  });
});
