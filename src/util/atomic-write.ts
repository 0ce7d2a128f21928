/**
 * Write a file so that an interrupted run never leaves a half-written file
 * under the final name: write to a temporary sibling, fsync, then rename.
 * A failed write removes its temporary file, and a file-system fault on an
 * output (full disk, read-only folder, no permission, a file where a folder
 * should be, a folder where a file should be) becomes a UserError naming the
 * path and what to do (exit 2), never a stack trace.
 */
import { randomBytes } from 'node:crypto';
import type { WriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { messageOf, problem } from '../problems/render.js';

type OutputFaultCode = 'DISK_FULL' | 'OUTPUT_READ_ONLY' | 'OUTPUT_NO_PERMISSION' | 'OUTPUT_NOT_A_FOLDER' | 'OUTPUT_IS_FOLDER' | 'OUTPUT_NAME_TOO_LONG';

/** Codes of a full disk or an exhausted quota. */
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

/**
 * A file-system fault on an output becomes a UserError (exit 2) naming `where`;
 * anything else (a UserError already, a bug) is returned as is.
 */
export function outputError(err: unknown, where: string): unknown {
  if (err instanceof UserError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (!code) return err;
  // The message in both languages, as before; the problem (a batch lists it) renders either from the catalogue.
  const fault = (errorCode: OutputFaultCode) => {
    const p = problem(errorCode, 'error', { file: where }, { errno: code });
    return new UserError(`${messageOf(p, 'zh')} — ${messageOf(p, 'en')}`, { location: where, code: errorCode, cause: err, problem: p });
  };
  if (DISK_FULL.has(code)) return fault('DISK_FULL');
  if (code === 'EROFS') return fault('OUTPUT_READ_ONLY');
  if (code === 'EACCES' || code === 'EPERM') return fault('OUTPUT_NO_PERMISSION');
  if (code === 'EEXIST' || code === 'ENOTDIR') return fault('OUTPUT_NOT_A_FOLDER');
  if (code === 'EISDIR') return fault('OUTPUT_IS_FOLDER');
  if (code === 'ENAMETOOLONG') return fault('OUTPUT_NAME_TOO_LONG');
  return err;
}

/** @deprecated the old name of outputError (a full disk was the only fault mapped). */
export const diskFullError = outputError;

export function tempSibling(target: string): string {
  const dir = path.dirname(target);
  const base = path.basename(target);
  return path.join(dir, `.${base}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Open a new file for writing; its folder is created only when missing (a batch writes thousands of files into a few folders). */
async function openCreatingFolder(file: string) {
  try {
    return await open(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await mkdir(path.dirname(file), { recursive: true });
    return await open(file, 'wx');
  }
}

/** Write `data` to `target` atomically, creating parent folders. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempSibling(target);
  try {
    const handle = await openCreatingFolder(tmp);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {}); // ENOTDIR when the folder is a file: nothing was created
    throw outputError(err, target);
  }
}

/**
 * Remove the temporary file of a failed stream once the stream has really
 * closed: removing it earlier races the stream's own (asynchronous) open,
 * which then creates the file again after the removal.
 */
export async function discardStream(stream: WriteStream, tmp: string): Promise<void> {
  if (!stream.closed) {
    await new Promise<void>((resolve) => {
      stream.once('close', () => resolve());
      stream.destroy();
    });
  }
  await rm(tmp, { force: true }).catch(() => {});
}
