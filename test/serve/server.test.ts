/**
 * The server's API over real HTTP: the token guards every request, only the
 * loopback interface answers, names from requests never become paths, the
 * input limits hold, and scoring gives what `station-eval score` gives.
 */
import { existsSync } from 'node:fs';
import { readFile, mkdtemp, rm, readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';

const STATION = 'samples/示例县/示例县城关镇社工站.xlsx';

/** A raw request, so Host and other headers can be anything. */
function raw(
  server: RunningServer,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath, e.name)));
  return out.sort();
}

describe('station-eval serve: the API', () => {
  let server: RunningServer;
  let work: string;
  const base = () => `http://127.0.0.1:${server.port}`;
  const withToken = (p: string) => `${base()}${p}${p.includes('?') ? '&' : '?'}token=${server.token}`;
  const post = (p: string, body: unknown) => fetch(withToken(p), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const newSet = async () => ((await (await fetch(withToken('/api/sets'), { method: 'POST' })).json()) as { set: string }).set;
  const upload = (set: string, role: string, name: string, body: Uint8Array | string) =>
    fetch(withToken(`/api/upload?set=${set}&role=${role}&name=${encodeURIComponent(name)}`), { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body) });
  const bundledRubric = async () => ((await (await post('/api/rubric', { bundled: 'fujian-style.yaml' })).json()) as { id: string }).id;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'serve-api-'));
    server = await startServer({ dir: path.join(work, 'run'), jobs: 1, log: () => {} });
  });
  afterAll(async () => {
    await (server as RunningServer | undefined)?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('prints a 127.0.0.1 address with a fresh token, and uses the folder it was given', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    expect(server.dir).toBe(path.join(work, 'run'));
    const other = await startServer({ log: () => {} });
    try {
      expect(other.token).not.toBe(server.token);
      expect(other.port).not.toBe(server.port);
      expect(other.temporary).toBe(true);
      expect(path.basename(other.dir)).toMatch(/^station-eval-/);
    } finally {
      await other.close();
    }
    // Nothing was written: the temporary folder is gone with the server.
    expect(existsSync(other.dir)).toBe(false);
  });

  it('answers no request without the token (401) or with a wrong one (403)', async () => {
    for (const p of ['/', '/assets/app.js', '/api/info', '/api/jobs/x/events', '/dl/x/y.pdf', '/nothing']) {
      expect((await fetch(`${base()}${p}`)).status, p).toBe(401);
      expect((await fetch(`${base()}${p}?token=wrong`)).status, p).toBe(403);
      expect((await fetch(`${base()}${p}?token=${server.token}x`)).status, p).toBe(403);
    }
    expect((await fetch(`${base()}/api/sets`, { method: 'POST' })).status).toBe(401);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`/assets/app.js?token=${server.token}`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    // The header works as well as the query.
    expect((await fetch(`${base()}/api/info`, { headers: { 'X-Token': server.token } })).status).toBe(200);
  });

  it('listens on 127.0.0.1 only and refuses other Host names and origins', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal)
      .map((a) => a?.address ?? '');
    for (const address of [...others, '::1']) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: server.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => {
          resolve(true);
        });
      });
      expect(refused, address).toBe(true);
    }
    const t = `/api/info?token=${server.token}`;
    expect((await raw(server, { path: t, headers: { Host: `127.0.0.1:${server.port}` } })).status).toBe(200);
    expect((await raw(server, { path: t, headers: { Host: `localhost:${server.port}` } })).status).toBe(200);
    // A site that rebinds its name to 127.0.0.1 sends its own Host.
    expect((await raw(server, { path: t, headers: { Host: `evil.example:${server.port}` } })).status).toBe(403);
    expect((await raw(server, { path: `/api/sets?token=${server.token}`, method: 'POST', headers: { Host: `127.0.0.1:${server.port}`, Origin: 'http://evil.example' } })).status).toBe(403);
  });

  it('refuses upload names with a path, and keeps Chinese names', async () => {
    const set = await newSet();
    const bytes = await readFile(STATION);
    const refused: [string, number, string][] = [
      ['../逃出.xlsx', 400, 'UPLOAD_NAME_TRAVERSAL'],
      ['..\\逃出.xlsx', 400, 'UPLOAD_NAME_TRAVERSAL'],
      ['示例县/../../逃出.xlsx', 400, 'UPLOAD_NAME_TRAVERSAL'],
      ['示例县/.. /逃出.xlsx', 400, 'UPLOAD_NAME_TRAVERSAL'],
      ['/tmp/逃出.xlsx', 400, 'UPLOAD_NAME_ABSOLUTE'],
      ['C:\\Windows\\逃出.xlsx', 400, 'UPLOAD_NAME_ABSOLUTE'],
      ['\\\\server\\share\\逃出.xlsx', 400, 'UPLOAD_NAME_ABSOLUTE'],
      ['逃出\u0000.xlsx', 400, 'UPLOAD_NAME_CONTROL'],
      ['逃出.sh', 415, 'UPLOAD_EXTENSION'],
      ['', 400, 'UPLOAD_NAME_EMPTY'],
    ];
    for (const [name, status, code] of refused) {
      const res = await upload(set, 'self', name, bytes);
      expect(res.status, name).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code, name).toBe(code);
    }
    const bad = await upload(set, 'nobody', 'a.xlsx', bytes);
    expect(bad.status).toBe(400);
    const ok = await upload(set, 'self', '示例县/城关镇:社工站?.xlsx', bytes);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { name: string }).name).toBe('示例县/城关镇_社工站.xlsx');
    const again = await upload(set, 'self', '示例县/城关镇:社工站?.xlsx', bytes);
    expect(((await again.json()) as { name: string }).name).toBe('示例县/城关镇_社工站 (2).xlsx');
    // Nothing was written anywhere but the two accepted files.
    const files = await allFiles(work);
    expect(files.filter((f) => f.includes('逃出'))).toEqual([]);
    expect(files.filter((f) => f.includes('城关镇_社工站'))).toEqual(
      [path.join('run', '上传-001', '自评表', '示例县', '城关镇_社工站 (2).xlsx'), path.join('run', '上传-001', '自评表', '示例县', '城关镇_社工站.xlsx')].sort(),
    );
  });

  it('takes bundled rubrics by name only, never a path', async () => {
    const res = await post('/api/rubric', { bundled: '../package.json' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RUBRIC_UNKNOWN');
    const dl = await fetch(withToken('/dl/..%2F..%2Fpackage.json/x'));
    expect(dl.status).toBe(404);
  });

  it('validates an uploaded rubric: every problem with line and column', async () => {
    const set = await newSet();
    const text = (await readFile('rubrics/hunan-style.yaml', 'utf8')).replace(/^total: 130$/m, 'total: 131');
    const up = (await (await upload(set, 'rubric', '我的细则.yaml', text)).json()) as { id: string };
    const res = (await (await post('/api/rubric', { set, file: up.id })).json()) as {
      id?: string;
      errors: number;
      diagnostics: { line: number; column: number; code: string }[];
      text: { zh: string };
    };
    expect(res.id).toBeUndefined();
    expect(res.errors).toBe(1);
    expect(res.diagnostics[0]).toMatchObject({ line: 28, column: 8, code: 'RUBRIC_TOTAL_MISMATCH' });
    expect(res.text.zh).toContain('我的细则.yaml:28:8 error RUBRIC_TOTAL_MISMATCH');
    expect(res.text.zh).not.toContain(work);
  });

  it('scores a station exactly as `station-eval score` does', async () => {
    const rubric = await bundledRubric();
    const set = await newSet();
    const self = (await (await upload(set, 'self', '示例县城关镇社工站.xlsx', await readFile(STATION))).json()) as { id: string };
    const spot = (await (await upload(set, 'spot', '抽查汇总.xlsx', await readFile('samples/抽查汇总.xlsx'))).json()) as { id: string };
    const res = await post('/api/score', { rubric, set, self: self.id, spot: spot.id });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { view: { total: string; starName: string; verified: boolean }; terminal: { zh: string }; downloads: Record<string, string> };
    expect(body.view).toMatchObject({ total: '1000.0', starName: '五星级', verified: true });
    let stdout = '';
    const code = await main(['node', 'station-eval', 'score', 'rubrics/fujian-style.yaml', '--self', STATION, '--spot', 'samples/抽查汇总.xlsx'], { stdout: (s) => (stdout += s), stderr: () => {} });
    expect(code).toBe(0);
    expect(body.terminal.zh).toBe(stdout);
    const json = await fetch(withToken(body.downloads.json));
    expect(json.headers.get('content-disposition')).toContain(encodeURIComponent('示例县城关镇社工站-评估结果.json'));
    const result = (await json.json()) as { total: number; stars: number };
    expect(result.total).toBe(1000);
    expect(result.stars).toBe(5);
    const pdf = Buffer.from(await (await fetch(withToken(body.downloads.pdf))).arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('scores .xls, .et, .ods and .csv uploads against an uploaded rubric, as the command line reads them', async () => {
    const set = await newSet();
    const up = (await (await upload(set, 'rubric', '细则.yaml', await readFile('test/fixtures/real-files/rubric.yaml'))).json()) as { id: string };
    const checked = (await (await post('/api/rubric', { set, file: up.id })).json()) as { id?: string; errors: number };
    expect(checked.errors).toBe(0);
    for (const name of ['station.xls', 'station.et', 'station.ods', 'station.csv']) {
      const self = (await (await upload(set, 'self', name, await readFile(path.join('test/fixtures/real-files', name)))).json()) as { id: string };
      const res = await post('/api/score', { rubric: checked.id, set, self: self.id });
      expect(res.status, name).toBe(200);
      const body = (await res.json()) as { downloads: { json: string } };
      const result = (await (await fetch(withToken(body.downloads.json))).json()) as { total: number };
      expect(result.total, name).toBe(89.5);
    }
  });

  it('a reader refusal comes back located, without the server folder', async () => {
    const rubric = await bundledRubric();
    const set = await newSet();
    const self = (await (await upload(set, 'self', '站点名册.xlsx', await readFile('samples/站点名册.xlsx'))).json()) as { id: string };
    const res = await post('/api/score', { rubric, set, self: self.id });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toMatch(/^站点名册\.xlsx: 找不到评分表/);
    expect(error.message).not.toContain(work);
  });

  it('runs a county with progress over server-sent events', async () => {
    const rubric = await bundledRubric();
    const set = await newSet();
    for (const f of await readdir('samples/示例县')) await upload(set, 'self', `示例县/${f}`, await readFile(path.join('samples/示例县', f)));
    const spot = (await (await upload(set, 'spot', '抽查汇总.xlsx', await readFile('samples/抽查汇总.xlsx'))).json()) as { id: string };
    const start = (await (await post('/api/batch', { rubric, set, spot: spot.id })).json()) as { job: string };
    const events = await (await fetch(withToken(`/api/jobs/${start.job}/events`))).text();
    expect(events).toContain('event: progress');
    expect(events).toContain('"stage":"评分与报告","done":13,"total":13');
    expect(events.trim().endsWith('event: done\ndata: {}')).toBe(true);
    const job = (await (await fetch(withToken(`/api/jobs/${start.job}`))).json()) as {
      status: string;
      result: { summary: { scored: number; spotChecked: number }; rows: { name: string; total: string; starName: string; pdf: string }[] };
    };
    expect(job.status).toBe('done');
    expect(job.result.summary).toMatchObject({ scored: 13, spotChecked: 4 });
    const row = job.result.rows.find((r) => r.name === '示例县城关镇社工站');
    expect(row).toMatchObject({ total: '1000.0', starName: '五星级' });
    const pdf = await fetch(withToken(row?.pdf ?? ''));
    expect(pdf.headers.get('content-disposition')).toContain(encodeURIComponent('示例县城关镇社工站.pdf'));
  });

  it('a pre-filled template carries the station', async () => {
    const rubric = await bundledRubric();
    const res = await fetch(withToken(`/api/template?rubric=${rubric}&station=${encodeURIComponent('城关镇社工站')}&county=${encodeURIComponent('示例县')}&year=2024`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="_________-___.xlsx"; filename*=UTF-8''${encodeURIComponent('示例县城关镇社工站-评分表.xlsx')}`);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const values: string[] = [];
    wb.eachSheet((ws) => {
      ws.eachRow((row) => {
        row.eachCell((c) => {
          if (typeof c.value === 'string') values.push(c.value);
        });
      });
    });
    expect(values).toContain('城关镇社工站');
    expect(values).toContain('示例县');
    expect((await readdir(server.dir)).some((d) => d.startsWith('模板-'))).toBe(true);
  });

  it('a batch that cannot start reports why, located, over the events and the job', async () => {
    const rubric = await bundledRubric();
    const set = await newSet();
    await upload(set, 'self', '示例县/城关镇.xlsx', await readFile(STATION));
    const roster = (await (await upload(set, 'roster', '名册.xlsx', 'not a workbook')).json()) as { id: string };
    const start = (await (await post('/api/batch', { rubric, set, roster: roster.id })).json()) as { job: string };
    const events = await (await fetch(withToken(`/api/jobs/${start.job}/events`))).text();
    expect(events).toContain('event: failed');
    const job = (await (await fetch(withToken(`/api/jobs/${start.job}`))).json()) as { status: string; error: { message: string } };
    expect(job.status).toBe('failed');
    expect(job.error.message).toMatch(/^名册\.xlsx: 不是可读取的工作簿/);
    expect(job.error.message).not.toContain(work);
  });

  it('the page starts in the language the server was given', async () => {
    const en = await startServer({ lang: 'en', dir: path.join(work, 'en'), log: () => {} });
    try {
      expect(await (await fetch(en.url)).text()).toContain('data-lang="en"');
    } finally {
      await en.close();
    }
    expect(await (await fetch(server.url)).text()).toContain('data-lang="zh"');
  });

  it('refuses a JSON body over 64 KB', async () => {
    const res = await post('/api/score', { pad: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
  });
});

describe('station-eval serve: uploads obey the input limits', () => {
  let server: RunningServer;
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'serve-limits-'));
    server = await startServer({ dir: work, limits: { maxFileBytes: 50_000, maxRows: 10 }, jobs: 1, log: () => {} });
  });
  afterAll(async () => {
    await (server as RunningServer | undefined)?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });
  const withToken = (p: string) => `http://127.0.0.1:${server.port}${p}${p.includes('?') ? '&' : '?'}token=${server.token}`;

  it('a file over --max-file-mb is refused (declared or streamed), and nothing is left behind', async () => {
    const set = ((await (await fetch(withToken('/api/sets'), { method: 'POST' })).json()) as { set: string }).set;
    const big = new Uint8Array(60_000);
    const declared = await fetch(withToken(`/api/upload?set=${set}&role=self&name=big.xlsx`), { method: 'POST', body: big });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe('FILE_TOO_LARGE');
    // Chunked, without a Content-Length: counted while streaming.
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 6; i++) c.enqueue(new Uint8Array(10_000));
        c.close();
      },
    });
    const chunked = await fetch(withToken(`/api/upload?set=${set}&role=self&name=big2.xlsx`), { method: 'POST', body: stream, duplex: 'half' } as RequestInit & { duplex: 'half' });
    expect(chunked.status).toBe(413);
    expect((await allFiles(work)).filter((f) => f.includes('big'))).toEqual([]);
  });

  it('the row limit holds when the uploaded workbook is read', async () => {
    const set = ((await (await fetch(withToken('/api/sets'), { method: 'POST' })).json()) as { set: string }).set;
    const self = (await (await fetch(withToken(`/api/upload?set=${set}&role=self&name=${encodeURIComponent('城关镇.xlsx')}`), { method: 'POST', body: await readFile(STATION) })).json()) as {
      id: string;
    };
    const rubric = (
      (await (await fetch(withToken('/api/rubric'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ bundled: 'fujian-style.yaml' }) })).json()) as {
        id: string;
      }
    ).id;
    const res = await fetch(withToken('/api/score'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rubric, set, self: self.id }) });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('城关镇.xlsx › 评分表: 工作表“评分表”超过 10 行，不像评分表（确需读取请加 --max-rows）');
  });
});
