import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles, zipFolder } from '../../src/serve/zip-folder.js';

describe('zipFolder', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('zips every file with its Chinese relative name, leaving out temporary dot-files', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zip-folder-'));
    await mkdir(path.join(dir, 'stations', '示例县'), { recursive: true });
    const pdf = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251);
    await writeFile(path.join(dir, 'stations', '示例县', '城关镇.pdf'), pdf);
    await writeFile(path.join(dir, 'results.jsonl'), '{"total":972.2}\n'.repeat(1000));
    await writeFile(path.join(dir, '.汇总.xlsx.123.tmp'), 'half-written');
    expect(await listFiles(dir)).toEqual(['results.jsonl', 'stations/示例县/城关镇.pdf']);
    const sink = new PassThrough({ highWaterMark: 1024 });
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    await zipFolder(dir, sink);
    const files = unzipSync(new Uint8Array(Buffer.concat(chunks)));
    expect(Object.keys(files).sort()).toEqual(['results.jsonl', 'stations/示例县/城关镇.pdf']);
    expect(Buffer.from(files['stations/示例县/城关镇.pdf']).equals(Buffer.from(pdf))).toBe(true);
    expect(Buffer.from(files['results.jsonl']).toString()).toBe('{"total":972.2}\n'.repeat(1000));
  });
});
