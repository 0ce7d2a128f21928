/**
 * A file-system fault seam for tests (no hook in production code): a test
 * file mocks `node:fs/promises` with `faultyFsPromises`, and sets
 * `fsFault.onTempOpen` to fail the writes of chosen temporary files the way a
 * full disk does (half the data written, then ENOSPC).
 *
 *   vi.mock('node:fs/promises', async (orig) => (await import('../util/fault-fs.js')).faultyFsPromises(await orig()));
 */
import type * as FsPromises from 'node:fs/promises';

export const fsFault: { onTempOpen?: (file: string) => Error | undefined } = {};

export function fsError(code: string): Error {
  return Object.assign(new Error(`${code}: injected fault`), { code });
}

export function enospc(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

export function faultyFsPromises(original: typeof FsPromises): typeof FsPromises {
  const open = (async (file: Parameters<typeof FsPromises.open>[0], flags?: Parameters<typeof FsPromises.open>[1], mode?: Parameters<typeof FsPromises.open>[2]) => {
    const handle = await original.open(file, flags, mode);
    const fault = flags === 'wx' && String(file).endsWith('.tmp') ? fsFault.onTempOpen?.(String(file)) : undefined;
    if (!fault) return handle;
    if ((fault as NodeJS.ErrnoException).code !== 'ENOSPC') {
      // A fault other than a full disk (EROFS, EACCES …) fails the open itself: no file is left.
      await handle.close();
      await original.rm(file, { force: true });
      throw fault;
    }
    return new Proxy(handle, {
      get(target, prop) {
        if (prop === 'writeFile')
          return async (data: string | Uint8Array) => {
            await target.writeFile(typeof data === 'string' ? data.slice(0, data.length >> 1) : data.subarray(0, data.length >> 1));
            throw fault;
          };
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }) as typeof FsPromises.open;
  const mod = { ...original, open } as typeof FsPromises & { default?: typeof FsPromises };
  if ((original as { default?: typeof FsPromises }).default) mod.default = { ...(original as { default: typeof FsPromises }).default, open };
  return mod;
}
