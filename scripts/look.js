#!/usr/bin/env node
/**
 * `npm run look`: look at the demo's outputs as a person would. Renders every
 * PDF of out/demo/ (station reports, 总览.pdf) and, through LibreOffice
 * (`soffice --headless --convert-to pdf`), every workbook (评分表模板.xlsx,
 * 汇总.xlsx, the station workbooks) to PNG pages with pdftoppm, plus one contact
 * sheet per file (all its pages on one picture) under out/look/. Then checks:
 *   - page counts within bounds (a station report 2–12 pages, the overview 1–10,
 *     a printed workbook 1–40);
 *   - no near-empty page: the share of inked pixels of each page (rendered in
 *     grey at 20 dpi, the footer band left out) must reach 0.6 %; a page holding
 *     only a signature block or one table row does not.
 * Prints one line per file and exits 1 when a check fails. Runs the demo first
 * when out/demo/ is missing (`--demo` to run it anyway). Needs pdftoppm
 * (poppler-utils) and soffice (LibreOffice) on PATH; no shell.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demo = path.join(root, 'out', 'demo');
const look = path.join(root, 'out', 'look');
const MIN_INK = 0.006;

if (!existsSync(demo) || process.argv.includes('--demo')) execFileSync(process.execPath, [path.join(root, 'scripts', 'demo.js')], { stdio: 'inherit' });
rmSync(look, { recursive: true, force: true });
mkdirSync(path.join(look, 'xlsx'), { recursive: true });

const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const files = walk(demo).sort();
const pdfs = files.filter((f) => f.endsWith('.pdf'));
const workbooks = files.filter((f) => f.endsWith('.xlsx'));

// Workbooks → PDF through LibreOffice, as they would print (each sheet's print setup), in one call
// (their names are unique: 评分表模板, 汇总, one per station).
const converted = [];
if (workbooks.length > 0) {
  const outDir = path.join(look, 'xlsx');
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', outDir, ...workbooks], { stdio: 'ignore' });
  for (const wb of workbooks) {
    const pdf = path.join(outDir, `${path.basename(wb, '.xlsx')}.pdf`);
    if (!existsSync(pdf)) throw new Error(`LibreOffice did not convert ${wb}`);
    converted.push({ source: wb, pdf });
  }
}

/** Pages of a PDF (pdfinfo is part of poppler-utils, like pdftoppm). */
function pageCount(pdf) {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)[1]);
}

/** Share of inked pixels per page: grey PGM at 20 dpi, the bottom 7 % (footer) left out. */
function inkPerPage(pdf, pages) {
  const tmp = path.join(look, 'ink');
  const out = [];
  for (let p = 1; p <= pages; p++) {
    execFileSync('pdftoppm', ['-gray', '-r', '20', '-f', String(p), '-l', String(p), '-singlefile', pdf, tmp]);
    const buf = readFileSync(`${tmp}.pgm`);
    // P5\n<w> <h>\n255\n<bytes>
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 40).toString('latin1'));
    const [w, h] = [Number(header[1]), Number(header[2])];
    const data = buf.subarray(header[0].length);
    const rows = Math.floor(h * 0.93);
    let ink = 0;
    for (let i = 0; i < w * rows; i++) if (data[i] < 200) ink++;
    out.push(ink / (w * rows));
  }
  rmSync(`${tmp}.pgm`, { force: true });
  return out;
}

/** PNG pages and a contact sheet (all pages side by side, drawn with pdfkit) for one PDF. */
async function render(pdf, name) {
  const prefix = path.join(look, name);
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, prefix]);
  const pngs = readdirSync(look)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort((a, b) => Number(/-(\d+)\.png$/.exec(a)[1]) - Number(/-(\d+)\.png$/.exec(b)[1]));
  const { default: PDFDocument } = await import('pdfkit');
  const cols = Math.min(4, pngs.length);
  const rows = Math.ceil(pngs.length / cols);
  const cell = { w: 300, h: 300 };
  const doc = new PDFDocument({ size: [cols * cell.w + 20, rows * cell.h + 20], margin: 0 });
  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  pngs.forEach((png, i) => {
    const x = 10 + (i % cols) * cell.w;
    const y = 10 + Math.floor(i / cols) * cell.h;
    doc.image(path.join(look, png), x + 4, y + 4, { fit: [cell.w - 8, cell.h - 8], align: 'center', valign: 'center' });
    doc
      .rect(x + 4, y + 4, cell.w - 8, cell.h - 8)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
  });
  doc.end();
  await done;
  const sheet = `${prefix}.sheet.pdf`;
  writeFileSync(sheet, Buffer.concat(chunks));
  execFileSync('pdftoppm', ['-png', '-r', '72', '-singlefile', sheet, `${prefix}.sheet`]);
  rmSync(sheet);
}

const targets = [
  ...pdfs.map((pdf) => ({ label: path.relative(demo, pdf), pdf, bounds: path.basename(pdf) === '总览.pdf' ? [1, 10] : [2, 12] })),
  ...converted.map((c) => ({ label: `${path.relative(demo, c.source)} (LibreOffice)`, pdf: c.pdf, bounds: [1, 40] })),
];
let failed = 0;
for (const [i, t] of targets.entries()) {
  const pages = pageCount(t.pdf);
  const ink = inkPerPage(t.pdf, pages);
  const name = `${String(i).padStart(2, '0')}-${path.basename(t.pdf, '.pdf')}`;
  await render(t.pdf, name);
  const problems = [];
  if (pages < t.bounds[0] || pages > t.bounds[1]) problems.push(`${pages} pages, expected ${t.bounds[0]}–${t.bounds[1]}`);
  ink.forEach((v, p) => {
    if (v < MIN_INK) problems.push(`page ${p + 1} near-empty (${(v * 100).toFixed(2)}% inked)`);
  });
  if (problems.length) failed++;
  process.stdout.write(
    `${problems.length ? '✗' : '✓'} ${t.label}: ${pages} pages, least inked ${(Math.min(...ink) * 100).toFixed(2)}% → out/look/${name}.sheet.png${problems.length ? `\n    ${problems.join('\n    ')}` : ''}\n`,
  );
}
process.stdout.write(`\n${targets.length - failed} passed, ${failed} failed\nPNG pages and contact sheets: ${path.relative(process.cwd(), look) || '.'}${path.sep}\n`);
process.exitCode = failed ? 1 : 0;
