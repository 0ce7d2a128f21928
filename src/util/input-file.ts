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
import { t, type Lang } from './lang.js';

export type InputFileProblem = 'FILE_NOT_FOUND' | 'FILE_NAME_ENCODING' | 'FILE_IS_DIRECTORY' | 'FILE_NOT_REGULAR' | 'FILE_TOO_LARGE' | 'FILE_UNREADABLE';

export interface InputFileOptions {
  /** Largest accepted size in bytes. */
  maxBytes: number;
  lang?: Lang;
  /** How messages name the file (default: the path as given). */
  display?: string;
  /** The flag that raises the limit, for the message (e.g. `--max-file-mb`). */
  limitFlag?: string;
  /** Said after the sizes of a file over the limit (zh), e.g. 不像评分表. */
  tooLargeNote?: string;
  /** What the file should be, for messages: 工作簿 / 细则 / 结果 … (zh, en). */
  what?: { zh: string; en: string };
}

/** A refused input file: a UserError with the reason as its code, and the size for FILE_TOO_LARGE. */
export class InputFileError extends UserError {
  constructor(
    message: string,
    readonly problem: InputFileProblem,
    location: string,
    readonly size?: number,
    cause?: unknown,
  ) {
    super(message, { location, code: problem, cause });
  }
}

const O_NONBLOCK = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;
const FLAGS = constants.O_RDONLY | O_NONBLOCK;

function mb(bytes: number): string {
  const m = bytes / 1048576;
  return m >= 10 ? String(Math.round(m)) : String(Number(m.toFixed(3)));
}

/** The error for an errno from opening or reading `file`. */
export function inputOpenError(err: unknown, file: string, opts: Pick<InputFileOptions, 'lang' | 'display' | 'what'>): InputFileError {
  const lang = opts.lang ?? 'zh';
  const display = opts.display ?? file;
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  const what = opts.what ?? { zh: '文件', en: 'file' };
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    // A name that is not valid UTF-8 (GBK bytes as unzip or an old archive tool leaves them) reaches
    // us with U+FFFD in place of the bytes: the file exists, but under a name nobody can type.
    if (file.includes('\uFFFD'))
      return new InputFileError(
        t(
          lang,
          `无法打开：文件名不是 UTF-8 编码（可能是解压工具留下的 GBK 文件名，显示为乱码 “�”）；请在文件管理器中把文件重命名为正确的中文名后重试`,
          `cannot open it: the file name is not UTF-8 (probably GBK bytes left by an unzip tool, shown as "�"); rename the file and try again`,
        ),
        'FILE_NAME_ENCODING',
        display,
        undefined,
        err,
      );
    return new InputFileError(t(lang, `找不到文件：${file}`, `file not found: ${file}`), 'FILE_NOT_FOUND', display, undefined, err);
  }
  if (code === 'EISDIR')
    return new InputFileError(t(lang, `这是一个文件夹，不是${what.zh}；请给出文件的路径`, `this is a folder, not a ${what.en}; give the path of a file`), 'FILE_IS_DIRECTORY', display, undefined, err);
  if (code === 'EACCES' || code === 'EPERM')
    return new InputFileError(t(lang, `没有读取权限，无法打开${what.zh}；请检查文件权限`, `permission denied: cannot open the ${what.en}`), 'FILE_UNREADABLE', display, undefined, err);
  if (code === 'ELOOP') return new InputFileError(t(lang, '符号链接形成循环，无法打开', 'the symbolic links form a loop; cannot open it'), 'FILE_UNREADABLE', display, undefined, err);
  return new InputFileError(
    t(lang, `无法读取${what.zh}（${code || (err as Error | undefined)?.message}）`, `cannot read the ${what.en} (${code || (err as Error | undefined)?.message})`),
    'FILE_UNREADABLE',
    display,
    undefined,
    err,
  );
}

function kindError(isDirectory: boolean, file: string, opts: InputFileOptions): InputFileError {
  const lang = opts.lang ?? 'zh';
  const display = opts.display ?? file;
  const what = opts.what ?? { zh: '文件', en: 'file' };
  if (isDirectory) return inputOpenError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), file, opts);
  return new InputFileError(
    t(
      lang,
      `这不是普通文件（是管道、设备或套接字，如 /dev/zero），不能作为${what.zh}读取`,
      `this is not a regular file (a pipe, a device or a socket such as /dev/zero); it cannot be read as a ${what.en}`,
    ),
    'FILE_NOT_REGULAR',
    display,
  );
}

function sizeError(size: number, file: string, opts: InputFileOptions): InputFileError {
  const lang = opts.lang ?? 'zh';
  const raise = opts.limitFlag ? t(lang, `（确需读取请加 ${opts.limitFlag}）`, ` (raise it with ${opts.limitFlag})`) : '';
  const note = opts.tooLargeNote ? `，${opts.tooLargeNote}` : '';
  return new InputFileError(
    t(lang, `文件过大（${mb(size)} MB，上限 ${mb(opts.maxBytes)} MB）${note}${raise}`, `the file is ${mb(size)} MB, over the ${mb(opts.maxBytes)} MB limit${raise}`),
    'FILE_TOO_LARGE',
    opts.display ?? file,
    size,
  );
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
