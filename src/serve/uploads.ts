/**
 * Files the browser sends. A name from a request is never used as a path: it
 * is checked (no `..`, no absolute or drive path, no control characters, an
 * accepted extension), each segment is made a safe file name (Chinese and
 * other Unicode kept), and the file is written under the upload set's own
 * folder with a name the server chose. The size limit is the same as the
 * command line's `--max-file-mb`; the readers enforce the others (inflated
 * size, rows) when they open the file, exactly as for `score` and `batch`.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { safeFileName } from '../util/safe-file-name.js';
import { tempSibling } from '../util/atomic-write.js';

/** Workbook formats accepted for self-assessments, spot checks and rosters (the readers refuse what they cannot read, with a located message). */
export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.et', '.ods', '.csv'] as const;
export const RUBRIC_EXTENSIONS = ['.yaml', '.yml'] as const;

export type UploadRole = 'self' | 'spot' | 'roster' | 'rubric';
export const UPLOAD_ROLES: readonly UploadRole[] = ['self', 'spot', 'roster', 'rubric'];

/** Folder of each role inside an upload set. */
const ROLE_DIR: Record<UploadRole, string> = { self: '自评表', spot: '抽查表', roster: '站点名册', rubric: '细则' };

export function extensionsFor(role: UploadRole): readonly string[] {
  return role === 'rubric' ? RUBRIC_EXTENSIONS : WORKBOOK_EXTENSIONS;
}

export type NameCheck =
  { ok: true; segments: string[] } | { ok: false; code: 'UPLOAD_NAME_EMPTY' | 'UPLOAD_NAME_TRAVERSAL' | 'UPLOAD_NAME_ABSOLUTE' | 'UPLOAD_NAME_CONTROL' | 'UPLOAD_NAME_TOO_DEEP' | 'UPLOAD_EXTENSION' };

const MAX_NAME_LENGTH = 1000;
const MAX_DEPTH = 32;

/**
 * Check a name the browser gave (a file name, or a folder upload's relative
 * path such as `示例县/城关镇.xlsx`) and return safe segments to store it under.
 */
export function checkUploadName(name: string, extensions: readonly string[]): NameCheck {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return { ok: false, code: 'UPLOAD_NAME_EMPTY' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return { ok: false, code: 'UPLOAD_NAME_CONTROL' };
  if (/^[/\\]/.test(name) || /^[a-zA-Z]:/.test(name)) return { ok: false, code: 'UPLOAD_NAME_ABSOLUTE' };
  const raw = name.split(/[/\\]+/);
  // '.', '..', and what Windows reads as them (it drops trailing dots and spaces: '.. ', '. .').
  if (raw.some((s) => /^[.\s]+$/.test(s))) return { ok: false, code: 'UPLOAD_NAME_TRAVERSAL' };
  const segments = raw.filter((s) => s !== '');
  if (segments.length === 0) return { ok: false, code: 'UPLOAD_NAME_EMPTY' };
  if (segments.length > MAX_DEPTH) return { ok: false, code: 'UPLOAD_NAME_TOO_DEEP' };
  const last = segments[segments.length - 1];
  const ext = path.extname(last).toLowerCase();
  if (!extensions.includes(ext)) return { ok: false, code: 'UPLOAD_EXTENSION' };
  const stem = last.slice(0, last.length - ext.length);
  const safe = [...segments.slice(0, -1).map((s) => safeFileName(s)), `${safeFileName(stem)}${ext}`];
  return { ok: true, segments: safe };
}

export interface UploadedFile {
  id: string;
  role: UploadRole;
  /** The stored file (absolute). */
  file: string;
  /** The safe relative name shown on the page (`示例县/城关镇.xlsx`). */
  name: string;
  bytes: number;
}

/** One upload set: the files of one action (a station, or a county's folder with its roster and spot check). */
export class UploadSet {
  readonly id = randomBytes(9).toString('base64url');
  private readonly files = new Map<string, UploadedFile>();
  private readonly taken = new Set<string>();

  constructor(readonly dir: string) {}

  get(id: string): UploadedFile | undefined {
    return this.files.get(id);
  }

  count(): number {
    return this.files.size;
  }

  /** The folder of a role (where a folder upload's files lie). */
  roleDir(role: UploadRole): string {
    return path.join(this.dir, ROLE_DIR[role]);
  }

  /** Claim a unique stored path for the segments (case-insensitive, like Windows and macOS). */
  claim(role: UploadRole, segments: string[]): { file: string; name: string } {
    const dirs = segments.slice(0, -1);
    const last = segments[segments.length - 1];
    const ext = path.extname(last);
    const stem = last.slice(0, last.length - ext.length);
    let name = [...dirs, last].join('/');
    for (let n = 2; this.taken.has(`${role}/${name}`.toLowerCase()); n++) name = [...dirs, `${stem} (${n})${ext}`].join('/');
    this.taken.add(`${role}/${name}`.toLowerCase());
    return { file: path.join(this.roleDir(role), ...name.split('/')), name };
  }

  add(f: Omit<UploadedFile, 'id'>): UploadedFile {
    const entry = { ...f, id: randomBytes(9).toString('base64url') };
    this.files.set(entry.id, entry);
    return entry;
  }
}

export class UploadTooLarge extends Error {
  override readonly name = 'UploadTooLarge';
  constructor(readonly limit: number) {
    super(`upload larger than ${limit} bytes`);
  }
}

/**
 * Stream a request body into `target` (under a temporary name, renamed when
 * complete), refusing it as soon as it exceeds `maxBytes`. Returns the size.
 */
export async function receiveBody(req: IncomingMessage, target: string, maxBytes: number): Promise<number> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new UploadTooLarge(maxBytes);
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = tempSibling(target);
  const out = createWriteStream(tmp, { flags: 'wx' });
  let bytes = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown) => {
        req.unpipe(out);
        out.destroy();
        reject(err instanceof Error ? err : new Error(String(err)));
      };
      req.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > maxBytes) {
          req.pause();
          fail(new UploadTooLarge(maxBytes));
        }
      });
      req.on('error', fail);
      req.on('aborted', () => {
        fail(new Error('upload aborted'));
      });
      out.on('error', fail);
      out.on('finish', () => {
        resolve();
      });
      req.pipe(out);
    });
    await rename(tmp, target);
    return bytes;
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
