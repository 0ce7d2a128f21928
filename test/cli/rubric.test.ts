/** `station-eval rubric validate | schema | show` through the real CLI, in-process. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { edit, MINIMAL } from '../rubric/fixture.js';

function capture() {
  let out = '';
  let err = '';
  return { io: { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s) }, out: () => out, err: () => err };
}

async function run(...args: string[]) {
  const c = capture();
  const code = await main(['node', 'station-eval', ...args], c.io);
  return { code, out: c.out(), err: c.err() };
}

let dir: string;
let good: string;
let bad: string;
beforeAll(async () => {
  process.env.NO_COLOR = '1';
  dir = await mkdtemp(path.join(tmpdir(), 'rubric-cli-'));
  await mkdir(path.join(dir, 'nested', 'node_modules'), { recursive: true });
  await mkdir(path.join(dir, '.hidden'), { recursive: true });
  good = path.join(dir, '好细则.yaml');
  bad = path.join(dir, 'nested', 'bad.yml');
  await writeFile(good, MINIMAL);
  await writeFile(bad, edit('id: "2.2"', 'id: "2.1"', edit('{ label: 室内, points: 1 }', '{ label: 室内, points: 1.25 }')));
  await writeFile(path.join(dir, 'nested', 'node_modules', 'skip.yaml'), 'not: a rubric');
  await writeFile(path.join(dir, '.hidden', 'skip.yaml'), 'not: a rubric');
});

describe('rubric validate', () => {
  it('exits 0 for a clean file and says so', async () => {
    const r = await run('rubric', 'validate', good);
    expect(r.code).toBe(0);
    expect(r.out).toBe('没有发现问题（共 1 个文件）。\n');
  });

  it('exits 1 and reports both errors of a bad file with file:line:col', async () => {
    const r = await run('rubric', 'validate', bad);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines[0].startsWith(`${bad}:22:36 error RUBRIC_PRECISION `)).toBe(true);
    expect(lines[1].startsWith(`${bad}:31:13 error RUBRIC_DUPLICATE_ID `)).toBe(true);
    expect(lines[2]).toBe('2 个错误，0 个警告（共 1 个文件）。');
  });

  it('searches folders recursively, skipping node_modules and dot-folders', async () => {
    const r = await run('rubric', 'validate', dir, '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { files: { file: string }[]; errorCount: number };
    expect(json.files.map((f) => path.relative(dir, f.file))).toEqual([path.join('nested', 'bad.yml'), '好细则.yaml']);
    expect(json.errorCount).toBe(2);
  });

  it('exits 2 for a missing file, still reporting the others', async () => {
    const r = await run('rubric', 'validate', good, path.join(dir, 'missing.yaml'));
    expect(r.code).toBe(2);
    expect(r.out).toContain('missing.yaml:1:1 error FILE_UNREADABLE');
  });

  it('exits 2 on a bad --format', async () => {
    const r = await run('rubric', 'validate', good, '--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('xml');
  });

  it('speaks English with --lang en', async () => {
    const r = await run('rubric', 'validate', bad, '--lang', 'en');
    expect(r.out).toContain('2 errors, 0 warnings in 1 file.');
    expect(r.out).toContain('Duplicate id "2.1"');
  });

  it('--format github prints workflow commands', async () => {
    const r = await run('rubric', 'validate', bad, '--format', 'github');
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toMatch(/^::error file=.*bad\.yml,line=22,col=36,endLine=22,endColumn=40,title=RUBRIC_PRECISION::/);
  });

  it('--format sarif prints a SARIF log', async () => {
    const r = await run('rubric', 'validate', bad, '--format', 'sarif');
    const log = JSON.parse(r.out) as { version: string; runs: { results: unknown[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.length).toBe(2);
  });

  it('validates the bundled rubrics clean', async () => {
    const r = await run('rubric', 'validate', 'rubrics');
    expect(r.out).toBe('没有发现问题（共 3 个文件）。\n');
    expect(r.code).toBe(0);
  });

  it('has help with examples and exit codes', async () => {
    const r = await run('rubric', 'validate', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('--format');
    expect(r.out).toContain('station-eval rubric validate rubrics/');
    expect(r.out).toContain('退出码 / Exit codes');
  });
});

describe('rubric schema and show', () => {
  it('prints the JSON schema', async () => {
    const r = await run('rubric', 'schema');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { $schema: string }).$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('shows the tree with points and rules', async () => {
    const r = await run('rubric', 'show', good);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 基础建设  6');
    expect(r.out).toContain('  1.1 场所面积  4  [分档] ≥60㎡ → 4 / ≥40㎡ → 2 / 否则 0');
    expect(r.out).toContain('  2.2 党组织  0  [控制项] 不计分，星级前提');
  });

  it('shows Markdown', async () => {
    const r = await run('rubric', 'show', good, '--format', 'markdown');
    expect(r.out).toContain('| 1.2 | 　牌匾 | 2 | 单选 | 门外醒目 2 / 室内 1 |');
  });

  it('refuses to show an invalid rubric, exit 2, naming the first error location', async () => {
    const r = await run('rubric', 'show', bad);
    expect(r.code).toBe(2);
    expect(r.err.startsWith(`${bad}:22:36: 评分细则`)).toBe(true);
  });
});
