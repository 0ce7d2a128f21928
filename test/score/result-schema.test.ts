import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { checkResult, checkedResult } from '../../src/score/result-schema.js';
import type { StationResult } from '../../src/score/types.js';
import { must } from '../../src/util/must.js';

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'station-eval', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(path.join(tmpdir(), 'result-schema-'));
const json = path.join(dir, 'results', '城关镇.json');
let result: StationResult;

beforeAll(async () => {
  const r = await run('score', 'rubrics/fujian-style.yaml', '--self', 'samples/示例县/示例县城关镇社工站.xlsx', '--json', json, '-q');
  expect(r.code).toBe(0);
  result = JSON.parse(readFileSync(json, 'utf8')) as StationResult;
}, 60_000);

function edited(edit: (r: Record<string, unknown> & StationResult) => void, name = 'edited.json'): string {
  const copy = structuredClone(result) as Record<string, unknown> & StationResult;
  edit(copy);
  const file = path.join(dir, 'results', name);
  writeFileSync(file, JSON.stringify(copy, null, 2));
  return file;
}

describe('checkResult', () => {
  it('accepts what the engine writes, and names each bad field by its path', () => {
    expect('result' in checkResult(result)).toBe(true);
    const bad = structuredClone(result) as unknown as Record<string, unknown>;
    (bad.items as Record<string, unknown>[])[0].self = 'abc';
    (bad.modules as Record<string, unknown>[])[1].final = null;
    bad.total = '972.2';
    const checked = checkResult(bad);
    expect('problems' in checked && checked.problems.map((p) => p.path)).toEqual(['total', 'modules[1].final', 'items[0].self']);
    expect(() => checkedResult(bad, 'result.json', 'zh')).toThrow(
      /^total: 应为数字（收到 "972.2"）\nresult.json: modules\[1\].final: 应为数字（收到 null）\nresult.json: items\[0\].self: 应为数字（收到 "abc"）/,
    );
  });

  it('a newer formatVersion is refused as such', () => {
    const checked = checkResult({ ...result, formatVersion: 99 });
    expect('problems' in checked && checked.problems[0].code).toBe('RESULT_TOO_NEW');
  });
});

describe('hand-edited results in report, verify, compare', () => {
  it('a bad field is a located message, never a TypeError or a big.js error', async () => {
    const file = edited((r) => {
      (r.items[0] as unknown as Record<string, unknown>).self = 'abc';
      (r.items[1] as unknown as Record<string, unknown>).final = { $: 1 };
    });
    const r = await run('report', file, '--out', path.join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: items[0].self: 应为数字（收到 "abc"）`);
    expect(r.stderr).toContain(`${file}: items[1].final: 应为数字（收到 {"$":1}）`);
    expect(r.stderr).not.toMatch(/TypeError|\[big\.js\]|\n\s+at /);
    const v = await run('verify', file, '--self', 'samples/示例县/示例县城关镇社工站.xlsx');
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('items[0].self');
    const jsonl = path.join(dir, 'bad.jsonl');
    writeFileSync(jsonl, `${JSON.stringify(result)}\n${JSON.stringify({ ...result, stars: 'five' })}\n`);
    const c = await run('compare', jsonl, jsonl, '--out', path.join(dir, 'cmp'));
    expect(c.code).toBe(2);
    expect(c.stderr).toContain(`${jsonl}:2: stars: 应为数字（收到 "five"）`);
  });

  it('records the rubric relative to the result file (no absolute path of this machine), and report finds it', async () => {
    expect(result.rubric.file).toBe(path.relative(path.dirname(json), path.resolve('rubrics/fujian-style.yaml')).split(path.sep).join('/'));
    expect(path.isAbsolute(must(result.rubric.file))).toBe(false);
    const r = await run('report', json, '--pdf', path.join(dir, 'r.pdf'));
    expect(r.code).toBe(0);
  });

  it('rubric.file never makes the tool print another file: /etc/passwd, or a YAML whose sha256 differs', async () => {
    const passwd = edited((r) => (r.rubric.file = '/etc/passwd'), 'passwd.json');
    const r = await run('report', passwd, '--out', path.join(dir, 'out2'));
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('root:');
    expect(r.stderr).toContain('不是 .yaml/.yml 文件');
    const secret = path.join(dir, 'secret.yaml');
    writeFileSync(secret, 'password: hunter2\nline: [unclosed\n');
    const other = edited((r) => (r.rubric.file = '../secret.yaml'), 'other.json');
    for (const args of [
      ['report', other, '--out', path.join(dir, 'out3')],
      ['report', other, '--out', path.join(dir, 'out3'), '--force'],
      ['verify', other, '--self', 'samples/示例县/示例县城关镇社工站.xlsx'],
    ]) {
      const x = await run(...args);
      expect(x.code).toBe(args[0] === 'verify' ? 1 : 2);
      expect(`${x.stdout}${x.stderr}`).not.toContain('hunter2');
      expect(`${x.stdout}${x.stderr}`).toContain('sha256');
    }
  });
});
