/**
 * The batch's threads (piscina workers, the spot-check thread) load the
 * compiled dist/, while vitest runs src/ directly: a stale dist/ would be
 * what the thread tests test. Before any test runs, every source file is
 * compared with its compiled copy, and when one is newer (or missing) the
 * project is compiled first, so the threads always run the code under test.
 * (Running the threads from TypeScript would need a loader in every worker;
 * compiling once is simpler and is what `npm ci` and the CLI use anyway.)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export function staleSources(root: string): string[] {
  const src = path.join(root, 'src');
  const out: string[] = [];
  for (const e of readdirSync(src, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.ts') || e.name.endsWith('.d.ts')) continue;
    const file = path.join(e.parentPath, e.name);
    const compiled = path.join(root, 'dist', path.relative(src, file)).replace(/\.ts$/, '.js');
    const built = statSync(compiled, { throwIfNoEntry: false });
    if (!built || built.mtimeMs < statSync(file).mtimeMs) out.push(path.relative(root, file));
  }
  return out;
}

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  const stale = staleSources(root);
  if (stale.length === 0) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  process.stderr.write(`dist/ is older than ${stale.length} source file(s) (${stale.slice(0, 3).join(', ')}…): compiling so the worker threads run the code under test\n`);
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('tsc failed: fix the compile errors above before running the tests');
}
