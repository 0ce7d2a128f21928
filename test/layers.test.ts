/**
 * The shape of the house (docs/architecture.md), enforced by reading the
 * sources: lower layers never import the layers built on them, and the pure
 * core does no I/O. A new import that breaks a rule fails here with the file
 * and the import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('src');

function sources(dir: string): string[] {
  return readdirSync(path.join(SRC, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name))
    .map((e) => path.relative(SRC, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** Every module a file imports (static, dynamic and re-exports), as a path under src/ or a package name. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = m.at(1) ?? m.at(2) ?? '';
    out.push(spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) : spec);
  }
  return out;
}

const LOWER = ['report', 'score', 'rubric', 'workbook', 'xlsx', 'problems', 'util', 'kinds'];
const UPPER = ['batch/', 'cli/', 'pipeline/', 'serve/'];

describe('layers', () => {
  it('src/report, score, rubric, workbook, xlsx, problems, util and kinds import nothing from batch, cli, pipeline or serve', () => {
    const offending: string[] = [];
    for (const dir of LOWER) {
      for (const file of sources(dir)) {
        for (const target of importsOf(file)) if (UPPER.some((u) => target.startsWith(u))) offending.push(`${file} → ${target}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('the pure core (score, problems) imports no file system, no workbook or PDF library', () => {
    const io = /^(node:)?(fs|fs\/promises|worker_threads|child_process)$|^(exceljs|pdfkit|fontkit|chalk|@e965\/xlsx)$/;
    const offending: string[] = [];
    for (const dir of ['score', 'problems']) for (const file of sources(dir)) for (const t of importsOf(file)) if (io.test(t)) offending.push(`${file} → ${t}`);
    expect(offending).toEqual([]);
  });

  it('the scan sees imports (a rule that cannot fail proves nothing)', () => {
    expect(importsOf('report/index.ts')).toContain('util/safe-file-name.js');
    expect(importsOf('batch/run-batch.ts')).toContain('report/index.js');
    expect(importsOf('report/index.ts')).toContain('report/station-xlsx.js'); // a dynamic import
  });
});
