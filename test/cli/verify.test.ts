import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { goodStation, MINIMAL_RUBRIC } from '../hostile/generate.js';
import type { StationResult } from '../../src/score/types.js';
import { must } from '../../src/util/must.js';

let dir: string;
let rubric: string;
let self: string;
let json: string;

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'station-eval', ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verify-'));
  rubric = path.join(dir, 'minimal.yaml');
  await writeFile(rubric, MINIMAL_RUBRIC);
  self = path.join(dir, '城关镇.xlsx');
  // 1.1 = 4, 1.2 = 1, 2.1 = 3 → total 8 (二星级)
  await writeFile(self, goodStation('城关镇社工站', '甲县', 4));
  json = path.join(dir, '结果.json');
  const r = await run('score', rubric, '--self', self, '--json', json, '--quiet');
  expect(r.code, r.stderr).toBe(0);
});

describe('station-eval verify', () => {
  it('confirms a published result byte for byte (exit 0), checking the rubric hash and the tool version', async () => {
    const r = await run('verify', json, '--self', self, '--rubric', rubric);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('与结果中记录的一致');
    expect(r.stdout).toContain('与发布时相同');
    expect(r.stdout).toContain('✓ 一致：重新评分的结果与发布的结果逐字节相同');
  });

  it('names the item, the field and both values when a published number was altered (exit 1)', async () => {
    const published = JSON.parse(await readFile(json, 'utf8')) as StationResult;
    const item = must(published.items.find((i) => i.id === '1.1'));
    item.self = 2;
    item.final = 2;
    published.total = 6;
    const altered = path.join(dir, '改过的结果.json');
    await writeFile(altered, `${JSON.stringify(published, null, 2)}\n`);
    const r = await run('verify', altered, '--self', self, '--rubric', rubric);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ 不一致，共 3 处');
    expect(r.stdout).toContain('项目 1.1「场所面积」 self：发布 2，重算 4');
    expect(r.stdout).toContain('项目 1.1「场所面积」 final：发布 2，重算 4');
    expect(r.stdout).toContain('total：发布 6，重算 8');
  });

  it('a workbook changed after publication is caught item by item', async () => {
    const changed = path.join(dir, '城关镇-改.xlsx');
    await writeFile(changed, goodStation('城关镇社工站', '甲县', 2));
    const r = await run('verify', json, '--self', changed, '--rubric', rubric);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('项目 1.1「场所面积」 self：发布 4，重算 2');
  });

  it('refuses to confirm with another rubric (sha256 differs), exit 1', async () => {
    const other = path.join(dir, 'other.yaml');
    await writeFile(other, `${MINIMAL_RUBRIC}# edited\n`);
    const r = await run('verify', json, '--self', self, '--rubric', other);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ 细则不一致');
    expect(r.stdout).toContain('不能确认');
  });

  it('reports another tool version but still confirms equal fields', async () => {
    const published = JSON.parse(await readFile(json, 'utf8')) as StationResult;
    published.tool.version = '0.0.1';
    const old = path.join(dir, '旧版本结果.json');
    await writeFile(old, `${JSON.stringify(published, null, 2)}\n`);
    const r = await run('verify', old, '--self', self, '--rubric', rubric);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('发布时的工具为 station-eval 0.0.1');
  });

  it('an unreadable result is a located usage error (exit 2)', async () => {
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, '{ not json');
    const r = await run('verify', bad, '--self', self, '--rubric', rubric);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: 不是有效的 JSON`);
  });
});
