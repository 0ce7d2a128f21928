import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/errors.js';
import { formatProblem } from '../../src/problems/render.js';
import { outputError, writeFileAtomic } from '../../src/util/atomic-write.js';
import { must } from '../../src/util/must.js';
import { writeStreamingWorkbook } from '../../src/xlsx/write-streaming.js';
import { enospc, fsError, fsFault } from './fault-fs.js';

vi.mock('node:fs/promises', async (orig) => (await import('./fault-fs.js')).faultyFsPromises(await orig()));

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atomic-'));
  });
  afterEach(async () => {
    fsFault.onTempOpen = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('creates missing folders (Chinese names) and leaves no temporary file', async () => {
    const target = path.join(dir, 'stations', '第一县', '城关镇社工站.pdf');
    await writeFileAtomic(target, 'first');
    await writeFileAtomic(path.join(dir, 'stations', '第一县', '东湖镇社工站.pdf'), new Uint8Array([1, 2, 3]));
    expect(await readFile(target, 'utf8')).toBe('first');
    expect((await readdir(path.dirname(target))).sort()).toEqual(['东湖镇社工站.pdf', '城关镇社工站.pdf'].sort());
  });

  it('replaces an existing file whole', async () => {
    const target = path.join(dir, 'a.txt');
    await writeFileAtomic(target, 'old');
    await writeFileAtomic(target, 'new');
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['a.txt']);
  });

  it('a failed write leaves neither the final name nor a temporary file', async () => {
    fsFault.onTempOpen = () => enospc();
    const target = path.join(dir, 'new', 'b.pdf');
    await expect(writeFileAtomic(target, 'x'.repeat(1000))).rejects.toMatchObject({ code: 'DISK_FULL' });
    expect(await readdir(path.join(dir, 'new'))).toEqual([]);
  });

  it('a read-only folder, no permission, a folder at the target: a located UserError saying what to do, no temporary file', async () => {
    await mkdir(path.join(dir, 'ro'));
    for (const [code, expected, words] of [
      ['EROFS', 'OUTPUT_READ_ONLY', '只读'],
      ['EACCES', 'OUTPUT_NO_PERMISSION', '没有写入权限'],
      ['EPERM', 'OUTPUT_NO_PERMISSION', '没有写入权限'],
    ] as const) {
      fsFault.onTempOpen = () => fsError(code);
      const target = path.join(dir, 'ro', `${code}.pdf`);
      const err = await writeFileAtomic(target, 'x').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: expected, location: target });
      expect((err as Error).message).toContain(words);
    }
    fsFault.onTempOpen = undefined;
    expect(await readdir(path.join(dir, 'ro'))).toEqual([]);
    // --pdf naming an existing folder: the rename fails with EISDIR; the temporary file goes.
    const folder = path.join(dir, 'a-folder.pdf');
    await mkdir(folder);
    await expect(writeFileAtomic(folder, 'x')).rejects.toMatchObject({ code: 'OUTPUT_IS_FOLDER' });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // A file where a folder should be.
    await writeFile(path.join(dir, 'file'), 'x');
    await expect(writeFileAtomic(path.join(dir, 'file', 'x.pdf'), 'x')).rejects.toMatchObject({ code: 'OUTPUT_NOT_A_FOLDER' });
  });

  it('a streamed workbook that fails leaves no temporary file; its folder is created when missing', async () => {
    const target = path.join(dir, 'new', 'deeper', '汇总.xlsx');
    await writeStreamingWorkbook(target, (wb) => {
      wb.addWorksheet('a').addRow([1]).commit();
    });
    expect((await readFile(target)).subarray(0, 2).toString()).toBe('PK');
    const failing = path.join(dir, 'new', 'failing.xlsx');
    await expect(
      writeStreamingWorkbook(failing, () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }),
    ).rejects.toMatchObject({ code: 'DISK_FULL', location: failing });
    expect((await readdir(path.join(dir, 'new'))).sort()).toEqual(['deeper']);
  });
});

describe('outputError', () => {
  it('an output fault carries its catalogued problem, worded in either language', () => {
    const err = outputError(enospc(), '报告/城关镇.pdf') as UserError;
    expect(err.code).toBe('DISK_FULL');
    const p = must(err.asProblem);
    expect([p.code, p.params]).toEqual(['DISK_FULL', { errno: 'ENOSPC' }]);
    expect(formatProblem(p, 'en')).toBe('报告/城关镇.pdf: disk full');
    expect(formatProblem(p, 'zh')).toBe('报告/城关镇.pdf: 磁盘空间不足，无法写入输出（ENOSPC）；请清理磁盘或换一个输出文件夹后重试，已写完的文件完整保留，未写完的不会出现在最终文件名下');
    expect(err.message).toBe(`${formatProblem({ ...p, location: {} }, 'zh')} — disk full`);
    const ro = must((outputError(fsError('EROFS'), 'out') as UserError).asProblem);
    expect([ro.code, formatProblem(ro, 'en')]).toEqual(['OUTPUT_READ_ONLY', 'out: read-only file system: choose another output folder']);
  });
});
