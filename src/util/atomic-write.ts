/**
 * Write a file so that an interrupted run never leaves a half-written file
 * under the final name: write to a temporary sibling, fsync, then rename.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';

/** Codes of a full disk or an exhausted quota. */
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

/** A full disk becomes a UserError (code DISK_FULL, exit 2) naming the folder; anything else is returned as is. */
export function diskFullError(err: unknown, where: string): unknown {
  if (err instanceof UserError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && DISK_FULL.has(code)) {
    return new UserError(`磁盘空间不足，无法写入输出（${code}）；请清理磁盘或换一个输出文件夹后重试，已写完的文件完整保留，未写完的不会出现在最终文件名下 — disk full`, {
      location: where,
      code: 'DISK_FULL',
      cause: err,
    });
  }
  return err;
}

/**
 * Test seam: a fault injected into every atomic write (e.g. ENOSPC after the
 * first N files) to prove a failed write leaves no partial file under a final name.
 */
let writeFault: ((target: string) => Error | undefined) | undefined;
export function setWriteFault(fault: typeof writeFault): void {
  writeFault = fault;
}

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
      const fault = writeFault?.(target);
      if (fault) {
        // Like a real full disk: part of the data is written, then the write fails.
        await handle.writeFile(typeof data === 'string' ? data.slice(0, data.length >> 1) : data.subarray(0, data.length >> 1));
        throw fault;
      }
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw diskFullError(err, target);
  }
}
