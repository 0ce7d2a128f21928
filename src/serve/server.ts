/**
 * The local web page's server (`station-eval serve`), on Node's own http:
 *
 * - listens on 127.0.0.1 only, and answers only requests from the loopback
 *   address whose Host is 127.0.0.1:PORT or localhost:PORT (a web site that
 *   rebinds its name to 127.0.0.1 is refused);
 * - a random token made for this run guards every request: 401 without it,
 *   403 with a wrong one (query `token=` or header `X-Token`);
 * - no path from a request is used as a path: uploads are stored under names
 *   the server checked and made safe (uploads.ts), rubrics are chosen from the
 *   bundled list by name, and downloads are looked up by an opaque id the
 *   server gave when it wrote the file;
 * - everything it writes goes under the run folder (`--dir`, or a temporary
 *   folder shown on the page);
 * - reading, scoring and reports are the command line's own code (adapter.ts).
 */
import { messageOf, placeInFile } from '../problems/render.js';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readdir, readFile, rm, rmdir, stat, mkdir, mkdtemp } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isUserError, UserError } from '../errors.js';
import type { Progress } from '../batch/progress.js';
import { safeFileName } from '../util/safe-file-name.js';
import type { LoadedRubric } from '../rubric/model.js';
import { DEFAULT_MAX_BYTES as RUBRIC_MAX_BYTES } from '../rubric/parse-yaml.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { t, type Lang } from '../util/lang.js';
import { TOOL } from '../version.js';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '../xlsx/input-limits.js';
import { buildTemplateBytes, checkRubric, problemLine, relativeOutput, runCounty, scoreOneStation, type RubricCheck } from './adapter.js';
import { rowView, stationView } from './station-view.js';
import { checkUploadName, extensionsFor, receiveBody, UploadSet, UploadTooLarge, UPLOAD_ROLES, type UploadRole } from './uploads.js';
import { listFiles, zipFolder } from './zip-folder.js';

export interface ServeOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** The run folder; absent: a new temporary folder. */
  dir?: string;
  /** Input limits, as `--max-file-mb` etc. give them (defaults for the rest). */
  limits?: Partial<InputLimits>;
  /** Threads for a county or province (default: the batch's default). */
  jobs?: number;
  /** Language of the console lines, and of the page until the user switches it. */
  lang?: Lang;
  /** Where the server reports internal errors (default stderr). */
  log?: (text: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  /** The run folder (absolute). */
  dir: string;
  temporary: boolean;
  close(): Promise<void>;
}

/** Package root: src/serve/ and dist/serve/ are both two levels below it. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The page's assets ship as they are (package.json `files`), for the source and the built code alike. */
export const PAGE_DIR = path.join(ROOT, 'src', 'serve', 'page');
const BUNDLED_RUBRICS = path.join(ROOT, 'rubrics');

const ASSETS: Record<string, string> = {
  '/assets/app.js': 'text/javascript; charset=utf-8',
  '/assets/app.css': 'text/css; charset=utf-8',
};

const MAX_JSON_BYTES = 64 * 1024;
const MAX_FILES_PER_SET = 100_000;

const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.zip': 'application/zip',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface RubricEntry {
  id: string;
  file: string;
  label: string;
  rubric: LoadedRubric;
}

interface Job {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: { stage: string; done: number; total: number };
  listeners: Set<ServerResponse>;
  out: string;
  result?: unknown;
  error?: { message: string; code?: string };
}

interface Download {
  file: string;
  name: string;
}

export async function startServer(opts: ServeOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? ((text: string) => process.stderr.write(text));
  const lang = opts.lang ?? 'zh';
  const limits = opts.limits ?? {};
  const maxFileBytes = limits.maxFileBytes ?? DEFAULT_INPUT_LIMITS.maxFileBytes;
  const token = randomBytes(24).toString('base64url');
  const temporary = opts.dir === undefined;
  const dir = opts.dir === undefined ? await mkdtemp(path.join(tmpdir(), 'station-eval-')) : path.resolve(opts.dir);
  await mkdir(dir, { recursive: true });

  const page = {
    html: await readFile(path.join(PAGE_DIR, 'index.html'), 'utf8'),
    assets: Object.fromEntries(await Promise.all(Object.keys(ASSETS).map(async (route) => [route, await readFile(path.join(PAGE_DIR, path.basename(route)))] as const))),
  };
  const bundled = (await readdir(BUNDLED_RUBRICS)).filter((f) => /\.ya?ml$/i.test(f)).sort();

  const rubrics = new Map<string, RubricEntry>();
  const sets = new Map<string, UploadSet>();
  const jobs = new Map<string, Job>();
  const downloads = new Map<string, Download>();
  const counters = new Map<string, number>();

  /** A new folder `<prefix>NNN` under the run folder (never one that exists). */
  const newFolder = async (prefix: string): Promise<string> => {
    for (let n = (counters.get(prefix) ?? 0) + 1; ; n++) {
      const candidate = path.join(dir, `${prefix}${String(n).padStart(3, '0')}`);
      try {
        await mkdir(candidate);
        counters.set(prefix, n);
        return candidate;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  };

  const offer = (file: string, name = path.basename(file)): string => {
    const id = randomBytes(12).toString('base64url');
    downloads.set(id, { file, name });
    return `/dl/${id}/${encodeURIComponent(name)}`;
  };

  const rubricFor = (id: unknown): RubricEntry => {
    const entry = typeof id === 'string' ? rubrics.get(id) : undefined;
    if (!entry) throw new HttpError(400, 'RUBRIC_NOT_CHOSEN', '请先选择一份没有错误的评分细则 — choose a rubric without errors first');
    return entry;
  };

  const setFor = (id: unknown): UploadSet => {
    const set = typeof id === 'string' ? sets.get(id) : undefined;
    if (!set) throw new HttpError(400, 'UPLOAD_SET_UNKNOWN', '上传批次不存在 — unknown upload set');
    return set;
  };

  const fileOf = (set: UploadSet, id: unknown, role: UploadRole): string | undefined => {
    if (id === undefined || id === null || id === '') return undefined;
    const f = typeof id === 'string' ? set.get(id) : undefined;
    if (!f || f.role !== role) throw new HttpError(400, 'UPLOAD_UNKNOWN', '上传的文件不存在 — unknown uploaded file');
    return f.file;
  };

  const rubricResponse = (check: RubricCheck, label: string, file: string) => {
    let id: string | undefined;
    if (check.rubric) {
      id = randomBytes(9).toString('base64url');
      rubrics.set(id, { id, file, label, rubric: check.rubric });
    }
    const loaded = check.rubric;
    const d = loaded?.data;
    return {
      id,
      label,
      errors: check.diagnostics.filter((x) => x.severity === 'error').length,
      warnings: check.diagnostics.filter((x) => x.severity === 'warning').length,
      diagnostics: check.diagnostics.map((x) => ({ line: x.line, column: x.column, severity: x.severity, code: x.code, path: x.path, message: messageOf(x, 'zh'), messageEn: messageOf(x, 'en') })),
      text: check.text,
      outline: check.outline,
      summary:
        loaded && d
          ? {
              title: d.title,
              id: d.id,
              version: d.version,
              total: d.total,
              precision: d.precision,
              illustrative: d.illustrative,
              items: loaded.index.items.length,
              modules: d.modules.map((m) => ({ id: m.id, name: m.name, points: m.points, items: loaded.index.items.filter((i) => i.moduleId === m.id && !i.bonus).length })),
              bonus: d.bonus ? { name: d.bonus.name, cap: d.bonus.cap } : null,
              vetoes: d.vetoes.map((v) => v.name),
              stars: check.stars,
            }
          : undefined,
    };
  };

  // ── handlers ──

  const api: Partial<Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>>> = {
    'GET /api/info': (_req, res) => {
      sendJson(res, 200, {
        tool: TOOL,
        dir,
        temporary,
        rubrics: bundled,
        limits: { maxFileBytes, maxInflatedBytes: limits.maxInflatedBytes ?? DEFAULT_INPUT_LIMITS.maxInflatedBytes, maxRows: limits.maxRows ?? DEFAULT_INPUT_LIMITS.maxRows },
        extensions: { workbook: extensionsFor('self'), rubric: extensionsFor('rubric') },
      });
      return Promise.resolve();
    },

    'POST /api/sets': async (_req, res) => {
      const folder = await newFolder('上传-');
      const set = new UploadSet(folder);
      sets.set(set.id, set);
      sendJson(res, 200, { set: set.id });
    },

    'POST /api/upload': async (req, res, url) => {
      const set = setFor(url.searchParams.get('set'));
      const role = url.searchParams.get('role') as UploadRole;
      if (!UPLOAD_ROLES.includes(role)) throw new HttpError(400, 'UPLOAD_ROLE', '未知的文件用途 — unknown role');
      const name = url.searchParams.get('name') ?? '';
      const checked = checkUploadName(name, extensionsFor(role));
      if (!checked.ok) {
        const why =
          checked.code === 'UPLOAD_EXTENSION'
            ? `只接受 ${extensionsFor(role).join(' ')} 文件 — only ${extensionsFor(role).join(' ')} files are accepted`
            : checked.code === 'UPLOAD_NAME_TRAVERSAL' || checked.code === 'UPLOAD_NAME_ABSOLUTE'
              ? '文件名含有路径（.. 或绝对路径），已拒绝 — a file name with a path (.. or absolute) is refused'
              : '文件名无效 — invalid file name';
        throw new HttpError(checked.code === 'UPLOAD_EXTENSION' ? 415 : 400, checked.code, `${name}: ${why}`);
      }
      if (set.count() >= MAX_FILES_PER_SET) throw new HttpError(413, 'UPLOAD_TOO_MANY', `一次最多上传 ${MAX_FILES_PER_SET} 个文件 — at most ${MAX_FILES_PER_SET} files`);
      const max = role === 'rubric' ? RUBRIC_MAX_BYTES : maxFileBytes;
      const target = set.claim(role, checked.segments);
      let bytes: number;
      try {
        bytes = await receiveBody(req, target.file, max);
      } catch (err) {
        if (err instanceof UploadTooLarge) {
          const mb = (max / 1048576).toFixed(max % 1048576 === 0 ? 0 : 1);
          throw new HttpError(413, 'FILE_TOO_LARGE', `${name}: 文件超过 ${mb} MB 的上限（可用 --max-file-mb 调整） — larger than the ${mb} MB limit (--max-file-mb)`);
        }
        throw err;
      }
      const f = set.add({ role, file: target.file, name: target.name, bytes });
      sendJson(res, 200, { id: f.id, name: f.name, bytes });
    },

    'POST /api/rubric': async (req, res) => {
      const body = await readJson(req);
      if (typeof body.bundled === 'string') {
        if (!bundled.includes(body.bundled)) throw new HttpError(400, 'RUBRIC_UNKNOWN', '没有这份内置细则 — no such bundled rubric');
        const file = path.join(BUNDLED_RUBRICS, body.bundled);
        const label = `rubrics/${body.bundled}`;
        sendJson(res, 200, rubricResponse(await checkRubric(file, label), label, file));
        return;
      }
      const set = setFor(body.set);
      const uploaded = typeof body.file === 'string' ? set.get(body.file) : undefined;
      if (uploaded?.role !== 'rubric') throw new HttpError(400, 'RUBRIC_NOT_CHOSEN', '没有上传细则文件 — no rubric uploaded');
      sendJson(res, 200, rubricResponse(await checkRubric(uploaded.file, uploaded.name), uploaded.name, uploaded.file));
    },

    'GET /api/template': async (_req, res, url) => {
      const entry = rubricFor(url.searchParams.get('rubric'));
      const field = (k: string) => {
        const v = (url.searchParams.get(k) ?? '').trim();
        return v === '' ? undefined : v.slice(0, 200);
      };
      const station = { name: field('station'), county: field('county'), township: field('township'), operator: field('operator'), year: field('year') };
      const bytes = await buildTemplateBytes(entry.rubric, station);
      const base = station.name ? `${station.county && !station.name.startsWith(station.county) ? station.county : ''}${station.name}-评分表` : `${entry.rubric.data.title}-评分表`;
      const name = `${safeFileName(base)}.xlsx`;
      const file = path.join(await newFolder('模板-'), name);
      await writeFileAtomic(file, bytes);
      sendFileBytes(res, name, bytes);
    },

    'POST /api/score': async (req, res) => {
      const body = await readJson(req);
      const reqLang: Lang = body.lang === 'en' ? 'en' : 'zh';
      const entry = rubricFor(body.rubric);
      const set = setFor(body.set);
      const self = fileOf(set, body.self, 'self');
      if (!self) throw new HttpError(400, 'SELF_MISSING', t(reqLang, '请先放入站点自评表', 'add the self-assessment workbook first'));
      const spot = fileOf(set, body.spot, 'spot');
      const out = await newFolder('单站评分-');
      try {
        const scored = await scoreOneStation(entry.rubric, { self, spot }, out, { lang: reqLang, limits });
        const links: Record<string, string> = {};
        for (const w of scored.written) links[w.format] = offer(w.file);
        sendJson(res, 200, { view: stationView(scored.result, entry.rubric), terminal: scored.terminal, warnings: scored.warnings, downloads: links, dir: out });
      } catch (err) {
        if (!isUserError(err)) throw err;
        sendJson(res, 422, { error: userErrorJson(err, set) });
      }
    },

    'POST /api/batch': async (req, res) => {
      const body = await readJson(req);
      const reqLang: Lang = body.lang === 'en' ? 'en' : 'zh';
      const entry = rubricFor(body.rubric);
      const set = setFor(body.set);
      const roster = fileOf(set, body.roster, 'roster');
      const spot = fileOf(set, body.spot, 'spot');
      const out = await newFolder('批量评分-');
      const job: Job = { id: randomBytes(9).toString('base64url'), status: 'running', progress: { stage: '', done: 0, total: 0 }, listeners: new Set(), out };
      jobs.set(job.id, job);
      await mkdir(set.roleDir('self'), { recursive: true });
      void runJob(job, entry, set, { roster, spot, lang: reqLang });
      sendJson(res, 200, { job: job.id, dir: out });
    },
  };

  const runJob = async (job: Job, entry: RubricEntry, set: UploadSet, o: { roster?: string; spot?: string; lang: Lang }) => {
    let last = 0;
    const emit = (force = false) => {
      const now = Date.now();
      if (!force && now - last < 100) return;
      last = now;
      for (const l of job.listeners) sse(l, 'progress', job.progress);
    };
    const progress: Progress = {
      start(stage, total) {
        job.progress = { stage, done: 0, total };
        emit(true);
      },
      tick(n = 1) {
        job.progress.done += n;
        emit(job.progress.done === job.progress.total);
      },
      stop() {
        emit(true);
      },
    };
    try {
      const { report, rows } = await runCounty({ rubricFile: entry.file, selfDir: set.roleDir('self'), roster: o.roster, spot: o.spot, out: job.out, lang: o.lang, limits, jobs: opts.jobs, progress });
      const byRelative = new Map<string, string>();
      for (const rel of await listFiles(job.out)) byRelative.set(rel, offer(path.join(job.out, ...rel.split('/'))));
      const digits = entry.rubric.data.precision;
      job.result = {
        summary: {
          files: report.files,
          scored: report.scored,
          failed: report.failed,
          missing: report.missing,
          spotChecked: report.spotChecked,
          stars: report.stars.map((n, level) => ({ level, name: report.starNames[level] ?? '', count: n })).filter((s) => s.level > 0),
        },
        rows: rows.map((r) => rowView(r, digits, r.pdf ? byRelative.get(r.pdf) : undefined)),
        downloads: {
          summary: byRelative.get(relativeOutput(job.out, report.outputs.summary)),
          overview: report.outputs.overview ? byRelative.get(relativeOutput(job.out, report.outputs.overview)) : undefined,
          results: byRelative.get(relativeOutput(job.out, report.outputs.results)),
          zip: `/api/jobs/${job.id}/zip`,
        },
        files: [...byRelative].map(([name, url]) => ({ name, url })),
        missing: report.missingStations,
        problems: report.problems.map((p) => ({
          severity: p.severity,
          file: p.location.file,
          location: placeInFile(p.location),
          code: p.code,
          message: messageOf(p, o.lang),
          text: { zh: problemLine(p, 'zh'), en: problemLine(p, 'en') },
        })),
        dir: job.out,
      };
      job.status = 'done';
    } catch (err) {
      job.status = 'failed';
      job.error = isUserError(err) ? userErrorJson(err, set) : { message: `internal error (a bug): ${err instanceof Error ? err.message : String(err)}`, code: 'INTERNAL' };
      if (!isUserError(err)) log(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    for (const l of job.listeners) {
      sse(l, job.status === 'done' ? 'done' : 'failed', job.status === 'done' ? {} : job.error);
      l.end();
    }
    job.listeners.clear();
  };

  const jobRoute = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const m = /^\/api\/jobs\/([A-Za-z0-9_-]+)(\/events|\/zip)?$/.exec(url.pathname);
    if (!m || req.method !== 'GET') return false;
    const job = jobs.get(m[1]);
    if (!job) throw new HttpError(404, 'JOB_UNKNOWN', '没有这个任务 — no such job');
    if (m[2] === '/events') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
      sse(res, 'progress', job.progress);
      if (job.status === 'running') {
        job.listeners.add(res);
        // A comment line now and then keeps the connection open through long silent stages (the summary of a nation).
        const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
        res.on('close', () => {
          clearInterval(ping);
          job.listeners.delete(res);
        });
      } else {
        sse(res, job.status === 'done' ? 'done' : 'failed', job.status === 'done' ? {} : job.error);
        res.end();
      }
      return true;
    }
    if (m[2] === '/zip') {
      if (job.status !== 'done') throw new HttpError(409, 'JOB_RUNNING', '任务尚未完成 — the job has not finished');
      const name = `${path.basename(job.out)}.zip`;
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/zip', 'Content-Disposition': disposition(name) });
      await zipFolder(job.out, res);
      res.end();
      return true;
    }
    sendJson(res, 200, { status: job.status, progress: job.progress, result: job.result, error: job.error });
    return true;
  };

  const download = async (res: ServerResponse, url: URL): Promise<boolean> => {
    const m = /^\/dl\/([A-Za-z0-9_-]+)\//.exec(url.pathname);
    if (!m) return false;
    const d = downloads.get(m[1]);
    if (!d) throw new HttpError(404, 'DOWNLOAD_UNKNOWN', '没有这个文件 — no such file');
    const info = await stat(d.file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[path.extname(d.name).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Content-Disposition': disposition(d.name),
    });
    await new Promise<void>((resolve, reject) => createReadStream(d.file).on('error', reject).on('end', resolve).pipe(res));
    return true;
  };

  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const expected = Buffer.from(token);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // Loopback only, and only under our own name (DNS rebinding).
    const remote = req.socket.remoteAddress ?? '';
    if (!(remote === '127.0.0.1' || remote === '::ffff:127.0.0.1')) throw new HttpError(403, 'NOT_LOCAL', 'forbidden');
    if (!allowedHosts().has(req.headers.host ?? '')) throw new HttpError(403, 'BAD_HOST', 'forbidden: unexpected Host');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) throw new HttpError(403, 'BAD_ORIGIN', 'forbidden: cross-origin request');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const given = url.searchParams.get('token') ?? (req.headers['x-token'] as string | undefined);
    if (!given) throw new HttpError(401, 'TOKEN_MISSING', '需要令牌：请打开启动时显示的完整地址（含 ?token=…） — token required: open the full address printed at start-up');
    const g = Buffer.from(given);
    if (g.length !== expected.length || !timingSafeEqual(g, expected))
      throw new HttpError(403, 'TOKEN_WRONG', '令牌不正确：请打开本次启动时显示的地址 — wrong token: open the address printed by this run');

    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      const html = page.html.replaceAll('__TOKEN__', token).replaceAll('__LANG__', lang);
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html);
      return;
    }
    if (req.method === 'GET' && url.pathname in ASSETS) {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': ASSETS[url.pathname] });
      res.end(page.assets[url.pathname]);
      return;
    }
    const route = api[`${req.method} ${url.pathname}`];
    if (route) {
      await route(req, res, url);
      return;
    }
    if (await jobRoute(req, res, url)) return;
    if (req.method === 'GET' && (await download(res, url))) return;
    throw new HttpError(404, 'NOT_FOUND', 'not found');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) sendJson(res, err.status, { error: { message: err.message, code: err.code } });
      else if (isUserError(err)) sendJson(res, 422, { error: { message: err.format(), code: err.code } });
      else {
        log(`station-eval serve: internal error (a bug): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        sendJson(res, 500, { error: { message: `internal error (a bug): ${err instanceof Error ? err.message : String(err)}`, code: 'INTERNAL' } });
      }
      // Drain what the client is still sending (a refused upload), so it sees the answer.
      req.resume();
    });
  });
  server.requestTimeout = 0; // a province's upload can take a while

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const port = String(opts.port ?? 0);
      reject(
        err.code === 'EADDRINUSE' || err.code === 'EACCES'
          ? new UserError(
              t(lang, `端口 ${port} 已被占用或不可用；换一个 --port，或不加 --port 自动选择空闲端口`, `port ${port} is in use or not allowed; choose another --port, or leave it out for a free one`),
              { code: 'PORT_IN_USE' },
            )
          : err,
      );
    });
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      resolve();
    });
  }).catch(async (err: unknown) => {
    // The temporary folder was made for this run only.
    if (temporary) await rm(dir, { recursive: true, force: true });
    throw err;
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    dir,
    temporary,
    close: async () => {
      await new Promise<void>((resolve) => {
        for (const job of jobs.values()) for (const l of job.listeners) l.end();
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
      // A temporary folder nothing was written to goes; one with outputs stays for the user.
      if (temporary) await rmdir(dir).catch(() => {});
    },
  };
}

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendFileBytes(res: ServerResponse, name: string, bytes: Uint8Array): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': bytes.length,
    'Content-Disposition': disposition(name),
  });
  res.end(bytes);
}

/** `attachment` with the UTF-8 name (RFC 6266 / 5987) and an ASCII fallback. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function sse(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data ?? {})}\n\n`);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) throw new HttpError(415, 'JSON_EXPECTED', 'expected application/json');
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req) {
    bytes += (chunk as Buffer).length;
    if (bytes > MAX_JSON_BYTES) throw new HttpError(413, 'BODY_TOO_LARGE', 'request body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, 'JSON_INVALID', 'invalid JSON body');
}

/** A reader's refusal for the page: the message as the command line prints it, with server paths replaced by the uploaded names. */
function userErrorJson(err: UserError, set: UploadSet): { message: string; code?: string; location?: string } {
  const clean = (s: string) => s.split(set.dir + path.sep).join('');
  return { message: clean(err.format()), code: err.code, location: err.location ? clean(err.location) : undefined };
}
