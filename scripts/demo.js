#!/usr/bin/env node
/**
 * `npm run demo`: the whole job on the bundled Fujian-style rubric and the
 * fictional 示例县 samples, through the real CLI:
 *   1. validate the bundled rubrics (Fujian-style, Hunan-style and the real
 *      500-point 社区养老服务站星级评定标准);
 *   2. generate the blank workbook a station fills in;
 *   3. score one station (terminal summary, JSON, Excel and PDF);
 *   4. score the whole county at once (汇总.xlsx, a PDF and Excel report per
 *      station, 总览.pdf, results.jsonl);
 *   5. score a station on the real 500-point scheme (rubrics/community-elderly-care.yaml):
 *      450 points with 安全 0, which the original system rated five stars and the
 *      40 % module minimum it meant to enforce does not.
 * Everything goes under out/demo/. Needs the compiled dist/ (`npm ci` builds it).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { main } = await import(new URL('../dist/cli/main.js', import.meta.url).href);

const rel = (...p) => path.relative(process.cwd(), path.join(root, ...p)) || '.';
const rubric = rel('rubrics', 'fujian-style.yaml');
const out = rel('out', 'demo');
await rm(path.join(root, 'out', 'demo'), { recursive: true, force: true });

const steps = [
  ['校验内置评分细则', ['rubric', 'validate', rel('rubrics')]],
  ['生成空白评分表', ['template', rubric, '--out', path.join(out, '评分表模板.xlsx')]],
  ['单站评分：示例县城关镇社工站', ['score', rubric, '--self', rel('samples', '示例县', '示例县城关镇社工站.xlsx'), '--spot', rel('samples', '抽查汇总.xlsx'), '--out', path.join(out, '单站')]],
  [
    '真实细则（500 分）：社区养老服务站星级评定标准，示例县幸福社区养老服务站',
    ['score', rel('rubrics', 'community-elderly-care.yaml'), '--self', rel('samples', '社区养老服务站', '示例县幸福社区养老服务站.xlsx'), '--out', path.join(out, '社区养老')],
  ],
  [
    '批量评分：示例县全部站点',
    ['batch', rubric, rel('samples', '示例县'), '--spot', rel('samples', '抽查汇总.xlsx'), '--roster', rel('samples', '站点名册.xlsx'), '--out', path.join(out, '批量'), '--station-xlsx'],
  ],
];

for (const [title, args] of steps) {
  process.stdout.write(`\n━━ ${title}\n$ station-eval ${args.join(' ')}\n`);
  const code = await main(['node', 'station-eval', ...args]);
  if (code !== 0) {
    process.stderr.write(`demo step failed with exit code ${code}\n`);
    process.exit(code);
  }
}

process.stdout.write(`
演示完成。请查看 ${out}${path.sep}：
  评分表模板.xlsx          站点填写的自评/抽查评分表
  单站${path.sep}                    一个站点的评估结果 JSON、Excel 报告和 PDF 报告
  批量${path.sep}汇总.xlsx           全县汇总：站点总表、星级分布、县区统计、偏差核查、未提交、问题清单
  批量${path.sep}总览.pdf            全县总览
  批量${path.sep}stations${path.sep}         每站 PDF 和 Excel 评估报告
  批量${path.sep}results.jsonl       每站完整结果，可用 station-eval report 重新出报告
  社区养老${path.sep}                按真实的 500 分社区养老服务站星级评定标准评分的一个站点
`);
