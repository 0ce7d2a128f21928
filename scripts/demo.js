#!/usr/bin/env node
/**
 * `npm run demo`: score every sample station (samples/示例县/*.xlsx) with the
 * bundled Fujian-style rubric and the consolidated spot check, and write per
 * station the result JSON and the terminal summary (plain text) under
 * out/demo/. Needs the compiled dist/ (`npm ci` builds it).
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);

const { loadRubric } = await dist('rubric/load-rubric.js');
const { stationInputFromFiles } = await dist('cli/commands/score.js');
const { scoreStation } = await dist('score/score-station.js');
const { renderTerminal } = await dist('report/terminal.js');
const { TOOL } = await dist('version.js');
const { isUserError } = await dist('errors.js');
const { safeFileName } = await dist('batch/safe-file-name.js');

const rubricFile = path.join(root, 'rubrics', 'fujian-style.yaml');
const samples = path.join(root, 'samples', '示例县');
const spotFile = path.join(root, 'samples', '抽查汇总.xlsx');
const out = path.join(root, 'out', 'demo');
await mkdir(out, { recursive: true });

const rubric = await loadRubric(rubricFile);
const files = (await readdir(samples)).filter((f) => f.endsWith('.xlsx') && !f.startsWith('~$')).sort();
const rows = [];
for (const f of files) {
  const notes = [];
  try {
    const input = await stationInputFromFiles(rubric, { self: path.join(samples, f), spot: spotFile }, 'zh', (w) => notes.push(w));
    const result = scoreStation(rubric, input, { tool: TOOL });
    const base = safeFileName(result.station.name);
    const summary = renderTerminal(result, rubric, { color: false }) + notes.map((n) => `提示：${n}\n`).join('');
    await writeFile(path.join(out, `${base}.json`), `${JSON.stringify(result, null, 2)}\n`);
    await writeFile(path.join(out, `${base}.txt`), summary);
    rows.push(`${result.station.name.padEnd(14, '　')} ${result.total.toFixed(rubric.data.precision).padStart(7)}  ${result.starName ?? '未达到星级'}${result.verified ? '（已抽查）' : ''}`);
  } catch (err) {
    if (!isUserError(err)) throw err;
    rows.push(`${f}: ${err.format()}`);
  }
}
const index = `示例县社工站评估演示（${rubric.data.title} ${rubric.data.version}）\n\n${rows.join('\n')}\n`;
await writeFile(path.join(out, '汇总.txt'), index);
process.stdout.write(index);
process.stdout.write(`\n已为 ${files.length} 个示例站点评分。请查看 ${path.relative(process.cwd(), out) || out}${path.sep}：每站一个 .json（完整结果）和 .txt（摘要），汇总见 汇总.txt。\n`);
