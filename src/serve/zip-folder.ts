/**
 * Stream a folder as a zip (fflate, already a dependency): PDFs and workbooks
 * are stored as they are (already compressed), text files are deflated. Files
 * are read one at a time, so a province's outputs do not sit in memory.
 * Temporary files (names starting with a dot) are left out.
 */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** Every file under `root`, relative with `/` separators, sorted; dot-files and dot-folders skipped. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, rel: string[]) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) await walk(path.join(dir, e.name), [...rel, e.name]);
      else if (e.isFile()) out.push([...rel, e.name].join('/'));
    }
  };
  await walk(root, []);
  return out;
}

const STORED = /\.(pdf|xlsx|xlsm|zip|png|jpe?g)$/i;

/** Write the zip of `root` into `sink`, waiting for it to drain; resolves when the zip is complete. */
export async function zipFolder(root: string, sink: Writable): Promise<void> {
  const files = await listFiles(root);
  // Set from fflate's callback.
  const state: { failure?: Error } = {};
  let waiting: Promise<void> = Promise.resolve();
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const zip = new Zip((err, chunk, final) => {
    if (err) state.failure = err;
    else if (!sink.destroyed && !sink.write(chunk))
      waiting = new Promise((resolve) => {
        const go = () => {
          sink.off('drain', go);
          sink.off('close', go);
          resolve();
        };
        sink.on('drain', go);
        sink.on('close', go);
      });
    if (final) finished();
  });
  for (const rel of files) {
    if (sink.destroyed) state.failure ??= new Error('the download was closed');
    if (state.failure) break;
    const entry = STORED.test(rel) ? new ZipPassThrough(rel) : new ZipDeflate(rel, { level: 6 });
    zip.add(entry);
    for await (const chunk of createReadStream(path.join(root, ...rel.split('/')))) {
      entry.push(chunk as Uint8Array);
      await waiting;
    }
    entry.push(new Uint8Array(0), true);
    await waiting;
  }
  if (state.failure) {
    zip.terminate();
    throw state.failure;
  }
  zip.end();
  await done;
  await waiting;
  // fflate reports a failure through the callback, after the awaits above.
  const late = state.failure as Error | undefined;
  if (late) throw late;
}
