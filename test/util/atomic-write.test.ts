import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setWriteFault, writeFileAtomic } from '../../src/util/atomic-write.js';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atomic-'));
  });
  afterEach(async () => {
    setWriteFault(undefined);
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
    setWriteFault(() => Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    const target = path.join(dir, 'new', 'b.pdf');
    await expect(writeFileAtomic(target, 'x'.repeat(1000))).rejects.toMatchObject({ code: 'DISK_FULL' });
    expect(await readdir(path.join(dir, 'new'))).toEqual([]);
  });
});
