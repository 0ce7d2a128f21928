/**
 * The one way an input file is read: a regular file within its size limit,
 * or a UserError naming it. Every input path of every command goes through
 * here (rubric, workbooks, spot check, roster, results, mapping), so a FIFO,
 * /dev/zero, /dev/urandom, a folder or a huge file is refused at once
 * instead of blocking or eating memory.
 *
 * The file is opened non-blocking (a FIFO without a writer would otherwise
 * block the open itself), the open descriptor is checked with fstat (so a
 * symbolic link or a file swapped after a stat cannot get round it), and at
 * most `maxBytes + 1` bytes are ever read (files in /proc report size 0 and
 * a file may grow while read).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../errors.js';
import type { MessageCode, MessageParams } from '../problems/catalogue.js';
import type { InputKind } from '../problems/messages/files.js';
import { messageOf, problem } from '../problems/render.js';
import type { Lang } from './lang.js';

export type InputFileProblem = 'FILE_NOT_FOUND' | 'FILE_NAME_ENCODING' | 'FILE_IS_DIRECTORY' | 'FILE_NOT_REGULAR' | 'FILE_TOO_LARGE' | 'FILE_UNREADABLE';

export interface InputFileOptions {
  /** Largest accepted size in bytes. */
  maxBytes: number;
  lang?: Lang;
  /** How messages name the file (default: the path as given). */
  display?: string;
  /** The flag that raises the limit, for the message (e.g. `--max-file-mb`). */
  limitFlag?: string;
  /** What the file should be, for messages (工作簿 / 细则 / 结果 …); default 'file'. */
  what?: InputKind;
}

type InputCode = 'INPUT_NOT_FOUND' | 'INPUT_NAME_ENCODING' | 'INPUT_IS_DIRECTORY' | 'INPUT_NOT_REGULAR' | 'INPUT_TOO_LARGE' | 'INPUT_UNREADABLE';

/**
 * A refused input file: a UserError with the reason as its code (`problem`,
 * FILE_*), the size for FILE_TOO_LARGE, and the catalogued problem (INPUT_*)
 * that a batch lists in any language.
 */
export class InputFileError extends UserError {
  readonly problem: InputFileProblem;
  readonly size?: number;
  constructor(reason: InputFileProblem, found: { code: InputCode; params: MessageParams[InputCode] }, location: string, lang: Lang, size?: number, cause?: unknown) {
    const p = problem(found.code as MessageCode, 'error', { file: location }, found.params as never);
    super(messageOf(p, lang), { location, code: reason, cause, problem: p });
    this.problem = reason;
    if (size !== undefined) this.size = size;
  }
}

const O_NONBLOCK = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;
const FLAGS = constants.O_RDONLY | O_NONBLOCK;

function mb(bytes: number): number {
  const m = bytes / 1048576;
  return m >= 10 ? Math.round(m) : Number(m.toFixed(3));
}

/** The error for an errno from opening or reading `file`. */
export function inputOpenError(err: unknown, file: string, opts: Pick<InputFileOptions, 'lang' | 'display' | 'what'>): InputFileError {
  const lang = opts.lang ?? 'zh';
  const display = opts.display ?? file;
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  const kind = opts.what ?? 'file';
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    // A name that is not valid UTF-8 (GBK bytes as unzip or an old archive tool leaves them) reaches
    // us with U+FFFD in place of the bytes: the file exists, but under a name nobody can type.
    if (file.includes('\uFFFD')) return new InputFileError('FILE_NAME_ENCODING', { code: 'INPUT_NAME_ENCODING', params: {} }, display, lang, undefined, err);
    return new InputFileError('FILE_NOT_FOUND', { code: 'INPUT_NOT_FOUND', params: { file } }, display, lang, undefined, err);
  }
  if (code === 'EISDIR') return new InputFileError('FILE_IS_DIRECTORY', { code: 'INPUT_IS_DIRECTORY', params: { kind } }, display, lang, undefined, err);
  if (code === 'EACCES' || code === 'EPERM') return new InputFileError('FILE_UNREADABLE', { code: 'INPUT_UNREADABLE', params: { kind, reason: 'permission' } }, display, lang, undefined, err);
  if (code === 'ELOOP') return new InputFileError('FILE_UNREADABLE', { code: 'INPUT_UNREADABLE', params: { kind, reason: 'loop' } }, display, lang, undefined, err);
  const why = code || String((err as Error | undefined)?.message);
  return new InputFileError('FILE_UNREADABLE', { code: 'INPUT_UNREADABLE', params: { kind, reason: 'other', why } }, display, lang, undefined, err);
}

function kindError(isDirectory: boolean, file: string, opts: InputFileOptions): InputFileError {
  const lang = opts.lang ?? 'zh';
  const display = opts.display ?? file;
  if (isDirectory) return inputOpenError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), file, opts);
  return new InputFileError('FILE_NOT_REGULAR', { code: 'INPUT_NOT_REGULAR', params: { kind: opts.what ?? 'file' } }, display, lang);
}

function sizeError(size: number, file: string, opts: InputFileOptions): InputFileError {
  const params = { kind: opts.what ?? 'file', sizeMb: mb(size), limitMb: mb(opts.maxBytes), ...(opts.limitFlag ? { flag: opts.limitFlag } : {}) };
  return new InputFileError('FILE_TOO_LARGE', { code: 'INPUT_TOO_LARGE', params }, opts.display ?? file, opts.lang ?? 'zh', size);
}

/** Read an input file synchronously (workbooks in batch threads); throws InputFileError. */
export function readInputFileSync(file: string, opts: InputFileOptions): Buffer {
  let fd: number;
  try {
    fd = openSync(file, FLAGS);
  } catch (err) {
    throw inputOpenError(err, file, opts);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw kindError(info.isDirectory(), file, opts);
    if (info.size > opts.maxBytes) throw sizeError(info.size, file, opts);
    const limit = opts.maxBytes + 1;
    let buf = Buffer.allocUnsafe(Math.min(limit, Math.max(info.size, 0) + 1));
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (buf.length >= limit) break;
        const bigger = Buffer.allocUnsafe(Math.min(limit, buf.length * 2 + 65536));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      let n: number;
      try {
        n = readSync(fd, buf, length, buf.length - length, null);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        throw inputOpenError(err, file, opts);
      }
      if (n === 0) break;
      length += n;
    }
    if (length > opts.maxBytes) throw sizeError(length, file, opts);
    return buf.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Read an input file; throws InputFileError. */
export async function readInputFile(file: string, opts: InputFileOptions): Promise<Buffer> {
  const handle = await openInputFile(file, opts);
  try {
    const info = await handle.stat();
    const limit = opts.maxBytes + 1;
    const chunks: Buffer[] = [];
    let length = 0;
    while (length < limit) {
      const chunk = Buffer.allocUnsafe(Math.min(limit - length, Math.max(info.size - length + 1, 65536)));
      let n: number;
      try {
        ({ bytesRead: n } = await handle.read(chunk, 0, chunk.length, null));
      } catch (err) {
        throw inputOpenError(err, file, opts);
      }
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
    }
    if (length > opts.maxBytes) throw sizeError(length, file, opts);
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
  } finally {
    await handle.close();
  }
}

/** Read an input text file (UTF-8, BOM stripped). */
export async function readInputText(file: string, opts: InputFileOptions): Promise<string> {
  return (await readInputFile(file, opts)).toString('utf8').replace(/^\uFEFF/, '');
}

/** Open an input file for streaming (a national results.jsonl): a regular file within the limit; the caller closes the handle. */
export async function openInputFile(file: string, opts: InputFileOptions): Promise<FileHandle> {
  let handle;
  try {
    handle = await open(file, FLAGS);
  } catch (err) {
    throw inputOpenError(err, file, opts);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw kindError(info.isDirectory(), file, opts);
    if (info.size > opts.maxBytes) throw sizeError(info.size, file, opts);
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}
