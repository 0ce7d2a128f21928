/**
 * Read selected entries of a zip (an .xlsx) with Node's native zlib: the
 * central directory is a few fixed-size records, and native inflate is about
 * four times faster than a JavaScript one, which matters when a national run
 * opens 38,000 workbooks. Anything unusual (ZIP64, encryption, a method other
 * than stored/deflate) is declined with ZipUnsupported so the caller can fall
 * back to exceljs; a damaged archive throws ZipCorrupt.
 */
import { inflateRawSync } from 'node:zlib';

export class ZipUnsupported extends Error {
  override readonly name = 'ZipUnsupported';
}

export class ZipCorrupt extends Error {
  override readonly name = 'ZipCorrupt';
}

/** Two entries with the same name: which one a reader takes is up to the reader, so the file is refused. */
export class ZipDuplicateEntry extends Error {
  override readonly name = 'ZipDuplicateEntry';
  constructor(readonly entry: string) {
    super(`two entries named ${entry}`);
  }
}

export class ZipTooLarge extends Error {
  override readonly name = 'ZipTooLarge';
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`unzipped size ${bytes} exceeds limit ${limit}`);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * The wanted entries, inflated. `maxTotalBytes` bounds the sum of their
 * inflated sizes, enforced on the real output (a lying header cannot get past it).
 */
export function readZipEntries(bytes: Uint8Array, wanted: (name: string) => boolean, maxTotalBytes: number): Map<string, Uint8Array> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 + 65,535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipCorrupt('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipUnsupported('ZIP64');
  if (dirOffset >= buf.length) throw new ZipCorrupt('central directory outside the file');

  const out = new Map<string, Uint8Array>();
  const names = new Set<string>();
  let total = 0;
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipCorrupt('bad central directory entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    // Zip names compare as the package does: case-insensitively, '\\' as '/'.
    const key = name.replace(/\\/g, '/').toLowerCase();
    if (names.has(key)) throw new ZipDuplicateEntry(name);
    names.add(key);
    if (!wanted(name)) continue;
    if (flags & 0x1) throw new ZipUnsupported('encrypted entry');
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw new ZipUnsupported('ZIP64 entry');
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL) throw new ZipCorrupt(`bad local header for ${name}`);
    const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const end = start + compressedSize;
    if (end > buf.length) throw new ZipCorrupt(`${name} runs past the end of the file`);
    total += size;
    if (total > maxTotalBytes) throw new ZipTooLarge(total, maxTotalBytes);
    const data = buf.subarray(start, end);
    if (method === 0) out.set(name, data);
    else if (method === 8) {
      try {
        const inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, maxTotalBytes - total + size) });
        if (inflated.length !== size) throw new ZipCorrupt(`${name}: size ${inflated.length} ≠ ${size}`);
        out.set(name, inflated);
      } catch (err) {
        if (err instanceof ZipCorrupt) throw err;
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipTooLarge(maxTotalBytes + 1, maxTotalBytes);
        throw new ZipCorrupt(`${name}: ${(err as Error).message}`);
      }
    } else throw new ZipUnsupported(`compression method ${method}`);
  }
  return out;
}
