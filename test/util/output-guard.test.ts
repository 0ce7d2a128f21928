import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardOutputs, ignoresCase, realPathOf } from '../../src/util/output-guard.js';

const dir = mkdtempSync(path.join(tmpdir(), 'output-guard-'));
const rubric = path.join(dir, 'rubric.yaml');
writeFileSync(rubric, 'id: x\n');
const input = path.join(dir, 'in');
mkdirSync(input);
writeFileSync(path.join(input, '汇总.xlsx'), 'PK');

function refusal(req: Parameters<typeof guardOutputs>[0]): { code?: string; message: string; location?: string } {
  try {
    guardOutputs(req);
  } catch (err) {
    return err as { code?: string; message: string; location?: string };
  }
  throw new Error('not refused');
}

describe('guardOutputs', () => {
  it('refuses an output that is an input, through a symbolic link or a hard link', () => {
    expect(refusal({ inputs: [rubric], outputs: [rubric] }).code).toBe('OUTPUT_IS_INPUT');
    const link = path.join(dir, 'report.pdf');
    symlinkSync(rubric, link);
    const viaLink = refusal({ inputs: [rubric], outputs: [link] });
    expect(viaLink.code).toBe('OUTPUT_IS_INPUT');
    expect(viaLink.message).toContain(rubric);
    const hard = path.join(dir, 'hard.json');
    linkSync(rubric, hard);
    expect(refusal({ inputs: [hard], outputs: [rubric] }).code).toBe('OUTPUT_IS_INPUT');
    // The input named through a link to its folder.
    const folderLink = path.join(dir, 'linked');
    symlinkSync(dir, folderLink);
    expect(refusal({ inputs: [path.join(folderLink, 'rubric.yaml')], outputs: [rubric] }).code).toBe('OUTPUT_IS_INPUT');
  });

  it('refuses --out that is or contains an input folder (batch in/ --out in/), also through a link; allows --out inside it', () => {
    expect(refusal({ inputs: [input], outDirs: [input] }).code).toBe('OUTPUT_CONTAINS_INPUT');
    expect(refusal({ inputs: [input], outDirs: [dir] }).code).toBe('OUTPUT_CONTAINS_INPUT');
    const outLink = path.join(dir, 'out-link');
    symlinkSync(input, outLink);
    expect(refusal({ inputs: [input], outDirs: [outLink] }).code).toBe('OUTPUT_CONTAINS_INPUT');
    expect(() => guardOutputs({ inputs: [input], outDirs: [path.join(input, 'out')] })).not.toThrow();
  });

  it('refuses --previous o/results.jsonl with --out o', () => {
    const o = path.join(dir, 'o');
    mkdirSync(o);
    writeFileSync(path.join(o, 'results.jsonl'), '{}\n');
    const r = refusal({ inputs: [rubric, input, path.join(o, 'results.jsonl')], outDirs: [o], outputs: [path.join(o, '汇总.xlsx'), path.join(o, 'results.jsonl')] });
    expect(r.code).toBe('OUTPUT_IS_INPUT');
    expect(r.location).toBe(path.join(o, 'results.jsonl'));
  });

  it('a file where a folder should be, a folder where a file should be, the same output twice', () => {
    expect(refusal({ inputs: [], outDirs: [rubric] }).code).toBe('OUTPUT_NOT_A_FOLDER');
    expect(refusal({ inputs: [], outputs: [path.join(rubric, 'x.pdf')] }).code).toBe('OUTPUT_NOT_A_FOLDER');
    expect(refusal({ inputs: [], outputs: [input] }).code).toBe('OUTPUT_IS_FOLDER');
    expect(refusal({ inputs: [], outputs: [path.join(dir, 'a.pdf'), path.join(dir, '.', 'a.pdf')] }).code).toBe('OUTPUT_TWICE');
  });

  it('detects whether the folder ignores case instead of assuming it by platform', () => {
    const probe = path.join(dir, 'CaseProbe');
    mkdirSync(probe);
    // The answer the file system itself gives for this folder.
    const expected = existsSync(path.join(dir, 'caseprobe')) && statSync(path.join(dir, 'caseprobe')).ino === statSync(probe).ino;
    expect(ignoresCase(realPathOf(probe))).toBe(expected);
  });
});

describe('every command refuses to write over an input (exit 2, inputs unchanged)', () => {
  async function run(...args: string[]) {
    const { main } = await import('../../src/cli/main.js');
    let stdout = '';
    let stderr = '';
    const code = await main(['node', 'station-eval', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    return { code, stdout, stderr };
  }
  const RUBRIC = 'rubrics/fujian-style.yaml';
  const SELF = 'samples/示例县/示例县城关镇社工站.xlsx';

  it('score --pdf through a symbolic link to the rubric; --xlsx onto the self workbook named differently', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'guard-score-'));
    const rubricCopy = path.join(work, 'r.yaml');
    writeFileSync(rubricCopy, readFileSync(RUBRIC));
    const link = path.join(work, 'report.pdf');
    symlinkSync(rubricCopy, link);
    const before = readFileSync(rubricCopy);
    const r = await run('score', rubricCopy, '--self', SELF, '--pdf', link, '-q');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('就是输入文件');
    expect(readFileSync(rubricCopy)).toEqual(before);
    const selfCopy = path.join(work, 'self.xlsx');
    writeFileSync(selfCopy, readFileSync(SELF));
    const r2 = await run('score', RUBRIC, '--self', selfCopy, '--xlsx', path.join(work, '.', 'self.xlsx'), '-q');
    expect(r2.code).toBe(2);
    expect(readFileSync(selfCopy)).toEqual(readFileSync(SELF));
  });

  it('batch in/ --out in/ with a workbook named 汇总.xlsx, and --out o --previous o/results.jsonl', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'guard-batch-'));
    const inDir = path.join(work, 'in');
    mkdirSync(inDir);
    writeFileSync(path.join(inDir, '汇总.xlsx'), readFileSync(SELF));
    const r = await run('batch', RUBRIC, inDir, '--out', inDir, '--jobs', '1', '--no-progress', '--no-pdf');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('输出文件夹');
    expect(readFileSync(path.join(inDir, '汇总.xlsx'))).toEqual(readFileSync(SELF));
    const o = path.join(work, 'o');
    mkdirSync(o);
    writeFileSync(path.join(o, 'results.jsonl'), 'last year\n');
    const r2 = await run('batch', RUBRIC, inDir, '--out', o, '--previous', path.join(o, 'results.jsonl'), '--jobs', '1', '--no-progress', '--no-pdf');
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('results.jsonl');
    expect(readFileSync(path.join(o, 'results.jsonl'), 'utf8')).toBe('last year\n');
    expect(readdirSync(o)).toEqual(['results.jsonl']);
  }, 60_000);

  it('sample and template: output onto the roster refused; a missing parent folder is created', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'guard-sample-'));
    const roster = path.join(work, '名册.xlsx');
    writeFileSync(roster, readFileSync('samples/站点名册.xlsx'));
    const r = await run('sample', roster, '--rate', '0.5', '--seed', '1', '--out', path.join(work, '.', '名册.xlsx'), '--force');
    expect(r.code).toBe(2);
    expect(readFileSync(roster)).toEqual(readFileSync('samples/站点名册.xlsx'));
    const nested = path.join(work, '新文件夹', '子文件夹', '抽查名单.xlsx');
    const r2 = await run('sample', roster, '--rate', '0.5', '--seed', '1', '--out', nested);
    expect(r2.code).toBe(0);
    expect(readFileSync(nested).subarray(0, 2).toString()).toBe('PK');
    const r3 = await run('template', RUBRIC, '--out', path.join(work, 'a', 'b', '模板.xlsx'));
    expect(r3.code).toBe(0);
    const rubricCopy = path.join(work, 'r.yaml');
    writeFileSync(rubricCopy, readFileSync(RUBRIC));
    const r4 = await run('template', rubricCopy, '--out', rubricCopy, '--force');
    expect(r4.code).toBe(2);
    expect(readFileSync(rubricCopy)).toEqual(readFileSync(RUBRIC));
  }, 60_000);
});
