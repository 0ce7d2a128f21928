/// <reference lib="dom" />
/**
 * The page in a real headless Chromium (Debian's `chromium`, driven by
 * puppeteer-core; no browser download). Skipped, with a message, where
 * Chromium is absent. SCREENSHOTS=<folder> saves a screenshot of each state.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/serve/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`serve page tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH); browser tests skipped`);
const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const SAMPLES = path.resolve('samples');
const SHOTS = process.env.SCREENSHOTS;

describe.skipIf(!hasChromium)('the page in headless Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let work: string;
  const logged: string[] = [];
  const requests: { url: string; token?: string }[] = [];

  const shot = async (name: string) => {
    if (!SHOTS) return;
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: `${path.join(SHOTS, name)}.png`, fullPage: true });
  };

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'serve-page-'));
    server = await startServer({ dir: path.join(work, 'run'), jobs: 1, log: (t) => logged.push(t) });
    const { default: puppeteer } = await import('puppeteer-core');
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${path.join(work, 'profile')}`,
      ],
    });
    page = await browser.newPage();
    page.on('request', (req) => requests.push({ url: req.url(), token: req.headers()['x-token'] }));
    await page.setViewport({ width: 1280, height: 900 });
    page.on('pageerror', (err) => logged.push(`page error: ${String(err)}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') logged.push(`console: ${msg.text()}`);
    });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  }, 120_000);

  afterAll(async () => {
    // Undefined when beforeAll failed part-way.
    await (browser as Browser | undefined)?.close();
    await (server as RunningServer | undefined)?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('opens on the bundled rubric, valid, with its outline and star rules', async () => {
    await page.waitForSelector('#rubric-outline');
    const text = await page.$eval('#rubric-result', (e) => (e as HTMLElement).innerText);
    expect(text).toContain('✓ rubrics/fujian-style.yaml：没有错误');
    expect(text).toContain('基础建设');
    expect(text).toContain('五星级 (level 5): ≥ 900');
    expect(await page.$eval('#current-rubric', (e) => e.textContent)).toBe('rubrics/fujian-style.yaml');
    expect(await page.$eval('#run-dir', (e) => e.textContent)).toBe(server.dir);
    await shot('1-rubric');
  });

  it('an uploaded rubric with errors shows each at its line and column', async () => {
    const bad = path.join(work, '坏细则.yaml');
    const text = (await readFile('rubrics/hunan-style.yaml', 'utf8')).replace(/^total: 130$/m, 'total: 131');
    expect(text).toContain('total: 131');
    await writeFile(bad, text);
    const input = await page.$('#rubric-file');
    await (input as unknown as { uploadFile(...f: string[]): Promise<void> }).uploadFile(bad);
    await page.waitForFunction(() => (document.querySelector('#rubric-result')?.textContent ?? '').includes('坏细则.yaml：'));
    const shown = await page.$eval('#rubric-result', (e) => (e as HTMLElement).innerText);
    expect(shown).toMatch(/✗ 坏细则\.yaml：\d+ 个错误/);
    expect(shown).toMatch(/坏细则\.yaml:\d+:\d+/);
    await shot('1b-rubric-errors');
    // The problems tab lists them as `rubric validate` does.
    await page.click('[data-tab="problems"]');
    expect(await page.$eval('#problems-list', (e) => (e as HTMLElement).innerText)).toMatch(/坏细则\.yaml:\d+:\d+ \w+/);
    // Back to the bundled rubric for the rest.
    await page.click('[data-tab="rubric"]');
    await page.select('#rubric-select', 'fujian-style.yaml');
    await page.waitForFunction(() => (document.querySelector('#rubric-result')?.textContent ?? '').includes('✓ rubrics/fujian-style.yaml'));
  });

  it('offers a blank and a pre-filled template', async () => {
    await page.click('[data-tab="template"]');
    await page.type('#t-station', '城关镇社工站');
    await page.type('#t-county', '示例县');
    const href = await page.$eval('#template-filled', (a) => (a as HTMLAnchorElement).href);
    const res = await fetch(href);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('示例县城关镇社工站-评分表.xlsx'));
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(String.fromCharCode(bytes[0], bytes[1])).toBe('PK');
    await shot('2-template');
  });

  it('scores the demo 城关镇 station with its spot check: 1000.0 and 五星级, and downloads its PDF', async () => {
    await page.click('[data-tab="station"]');
    const self = await page.$('#self-file');
    await (self as unknown as { uploadFile(...f: string[]): Promise<void> }).uploadFile(path.join(SAMPLES, '示例县', '示例县城关镇社工站.xlsx'));
    const spot = await page.$('#spot-file');
    await (spot as unknown as { uploadFile(...f: string[]): Promise<void> }).uploadFile(path.join(SAMPLES, '抽查汇总.xlsx'));
    await page.click('#score-button');
    await page.waitForSelector('#station-total', { timeout: 60_000 });
    expect(await page.$eval('#station-total', (e) => e.textContent)).toBe('总分 1000.0 / 1000.0');
    expect(await page.$eval('#station-level', (e) => e.textContent)).toBe('五星级');
    const card = await page.$eval('#station-card', (e) => (e as HTMLElement).innerText);
    expect(card).toContain('示例县城关镇社工站');
    expect(card).toContain('★★★★★');
    expect(card).toContain('已经第三方抽查核实');
    expect(card).toMatch(/基础建设\s+143\.5 \/ 150\.0\s+95\.7%\s+自评−抽查 \+3\.0/);
    expect(await page.$eval('#station-chain', (e) => e.textContent)).toBe('核定 1020.0 → 超过满分，按 1000.0 计 −20.0 → 最终 1000.0');
    expect(await page.$eval('#station-check', (e) => e.textContent)).toBe('自评 1024.0 / 抽查 1020.0（均超过满分，按 1000 计）· 偏差 +4.0');
    await shot('3-station');

    const downloads = path.join(work, 'downloads');
    await mkdir(downloads, { recursive: true });
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.click('#dl-pdf');
    let pdf: string | undefined;
    for (let i = 0; i < 200 && !pdf; i++) {
      pdf = (await readdir(downloads)).find((f) => f.endsWith('.pdf'));
      if (!pdf) await new Promise((r) => setTimeout(r, 100));
    }
    expect(pdf).toBe('示例县城关镇社工站-评估报告.pdf');
    const file = path.join(downloads, '示例县城关镇社工站-评估报告.pdf');
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (hasPdftotext) {
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain('示例县城关镇社工站');
      expect(text).toContain('1000.0');
    }
  }, 90_000);

  it('runs the demo county: 13 stations in a sortable, filterable table, with links to every output', async () => {
    await page.click('[data-tab="batch"]');
    const folder = await page.$('#folder-input');
    // The demo county, plus a broken workbook and a file that is no workbook.
    const county = path.join(work, '示例县');
    await cp(path.join(SAMPLES, '示例县'), county, { recursive: true });
    await writeFile(path.join(county, '损坏的表.xlsx'), 'not a workbook');
    await writeFile(path.join(county, '说明.txt'), '请查收');
    // A directory picker takes the folder itself (Chromium lists it, with each file's relative path).
    await (folder as unknown as { uploadFile(...f: string[]): Promise<void> }).uploadFile(county);
    await page.waitForFunction(() => document.querySelector('#drop-folder')?.classList.contains('filled'));
    expect(await page.$eval('#drop-folder .drop-name', (e) => e.textContent)).toBe('示例县 · 15 个文件');
    const roster = await page.$('#roster-file');
    await (roster as unknown as { uploadFile(...f: string[]): Promise<void> }).uploadFile(path.join(SAMPLES, '站点名册.xlsx'));
    const spot = await page.$('#batch-spot-file');
    await (spot as unknown as { uploadFile(...f: string[]): Promise<void> }).uploadFile(path.join(SAMPLES, '抽查汇总.xlsx'));
    await page.click('#batch-button');
    await page.waitForSelector('#batch-progress:not([hidden])');
    await page.waitForSelector('#station-rows', { timeout: 120_000 });
    expect(await page.$$eval('#station-rows tr', (rows) => rows.length)).toBe(13);
    expect(await page.$eval('#batch-scored', (e) => e.textContent)).toBe('13');
    expect(await page.$eval('#progress-stage', (e) => e.textContent)).toBe('评分与报告');
    expect(await page.$eval('#progress-count', (e) => e.textContent)).toBe('13 / 13');
    await shot('4-county');

    // Sorted by total, highest first.
    await page.click('th[data-key="total"]');
    const totals = await page.$$eval('#station-rows tr td:nth-child(3)', (tds) => tds.map((td) => Number(td.textContent)));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    // Five-star stations only.
    await page.select('#filter-level', '5');
    const fiveStar = await page.$$eval('#station-rows tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
    expect(fiveStar).toHaveLength(2);
    expect(fiveStar).toContain('示例县城关镇社工站');
    await page.select('#filter-level', '');
    await page.select('#filter-check', 'yes');
    expect(await page.$$eval('#station-rows tr', (rows) => rows.length)).toBe(4);
    await page.select('#filter-check', '');

    const links = await page.$$eval('#station-rows a', (as) => as.map((a) => a.href));
    expect(links).toHaveLength(13);
    const summary = await fetch(await page.$eval('#dl-summary', (a) => (a as HTMLAnchorElement).href));
    expect(summary.status).toBe(200);
    expect(summary.headers.get('content-disposition')).toContain(encodeURIComponent('汇总.xlsx'));
    const overview = await fetch(await page.$eval('#dl-overview', (a) => (a as HTMLAnchorElement).href));
    expect(
      Buffer.from(await overview.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    const zip = await fetch(await page.$eval('#dl-zip', (a) => (a as HTMLAnchorElement).href));
    const zipBytes = Buffer.from(await zip.arrayBuffer());
    expect(zipBytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const { unzipSync } = await import('fflate');
    const names = Object.keys(unzipSync(new Uint8Array(zipBytes))).sort();
    expect(names.filter((n) => n.startsWith('stations/示例县/') && n.endsWith('.pdf'))).toHaveLength(13);
    expect(names).toContain('汇总.xlsx');
    expect(names).toContain('总览.pdf');
    expect(names).toContain('results.jsonl');
  }, 180_000);

  it('lists the problems of the last runs, and switches to English', async () => {
    await page.click('[data-tab="problems"]');
    const problems = await page.$eval('#problems-list', (e) => (e as HTMLElement).innerText);
    expect(problems).toMatch(/示例县\/损坏的表\.xlsx: .+/);
    expect(problems).toContain('示例县/说明.txt: 不是工作簿');
    expect(problems).toMatch(/名册中未提交的站点\s+1\s+警告\s+示例县金溪乡社工站: 站点名册中有，但没有自评表（未提交）/);
    expect(await page.$eval('#problem-count', (e) => e.textContent)).toBe('1');
    await shot('5-problems');
    await page.click('#lang-switch');
    expect(await page.$eval('[data-tab="batch"]', (e) => e.textContent)).toContain('County / province');
    await page.click('[data-tab="station"]');
    expect(await page.$eval('#station-total', (e) => e.textContent)).toBe('Total 1000.0 / 1000.0');
    expect(await page.$eval('#station-card', (e) => (e as HTMLElement).innerText)).toContain('Why: total 1000');
    await shot('6-station-en');
    await page.click('[data-tab="batch"]');
    expect(await page.$eval('#progress-stage', (e) => e.textContent)).toBe('Scoring and reports');
    expect(await page.$eval('th[data-key="deviation"]', (e) => e.textContent)).toBe('Deviation');
    await shot('7-county-en');
    await page.click('[data-tab="problems"]');
    const problemsEn = await page.$eval('#problems-list', (e) => (e as HTMLElement).innerText);
    expect(problemsEn).toContain('County / province');
    expect(problemsEn).toMatch(/示例县\/损坏的表\.xlsx: .+/);
    await shot('8-problems-en');
    await page.click('#lang-switch');
    expect(logged.filter((l) => l.startsWith('page error') || l.startsWith('console'))).toEqual([]);
    // Offline: the page asked nothing of anyone but this server, and always with the token.
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(20);
    expect(requests.filter((r) => !r.url.startsWith('data:') && new URL(r.url).origin !== origin)).toEqual([]);
    expect(requests.filter((r) => r.url.startsWith(origin) && !r.url.includes(`token=${server.token}`) && r.token !== server.token)).toEqual([]);
  });
});
