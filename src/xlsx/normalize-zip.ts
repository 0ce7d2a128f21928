/**
 * Make a zip (an .xlsx) byte-identical whatever the time it was written.
 *
 * exceljs 4.4.0 stamps every zip entry with the current time: `wb.xlsx.writeBuffer()`
 * goes through JSZip (lib/utils/zip-stream.js, `new JSZip()` with no `date`), and the
 * streaming writer through archiver (lib/stream/xlsx/workbook-writer.js, `Archiver('zip')`,
 * entries appended without `date`). Neither offers an option for it, so we rewrite the
 * DOS time/date of every local file header and central directory record to
 * 1980-01-01 00:00 in place, and zero extended-timestamp extra fields (0x5455) if any.
 * Nothing is recompressed: the entry data, CRCs and offsets stay as written, so the
 * file is as valid as before. exceljs is pinned to 4.4.0 exactly in package.json;
 * test/xlsx/normalize-zip.test.ts fails if an upgrade changes the layout this relies on.
 */
import { open } from 'node:fs/promises';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const EOCD = 0x06054b50;
/** 1980-01-01 in DOS date format: (year-1980)<<9 | month<<5 | day. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

export class ZipLayoutError extends Error {
  override readonly name = 'ZipLayoutError';
}

function zeroExtendedTimestamps(view: DataView, start: number, length: number): void {
  let p = start;
  const end = start + length;
  while (p + 4 <= end) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 0x5455) for (let i = p + 5; i < Math.min(p + 4 + size, end); i++) view.setUint8(i, 0);
    p += 4 + size;
  }
}

/**
 * Rewrite the entry dates of a zip in place (and return it). Throws ZipLayoutError
 * for anything that is not a plain (non-zip64) zip.
 */
export function normalizeZipDates(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (view.getUint32(p, true) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new ZipLayoutError('no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipLayoutError('zip64 not supported');
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) throw new ZipLayoutError(`bad central record ${i}`);
    view.setUint16(p + 12, DOS_TIME, true);
    view.setUint16(p + 14, DOS_DATE, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    zeroExtendedTimestamps(view, p + 46 + nameLen, extraLen);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) throw new ZipLayoutError(`bad local header ${i}`);
    view.setUint16(local + 10, DOS_TIME, true);
    view.setUint16(local + 12, DOS_DATE, true);
    const lNameLen = view.getUint16(local + 26, true);
    const lExtraLen = view.getUint16(local + 28, true);
    zeroExtendedTimestamps(view, local + 30 + lNameLen, lExtraLen);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return bytes;
}

/** The same for a file on disk (e.g. the temporary file of a streamed workbook), before it is renamed into place. */
export async function normalizeZipFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(size);
    await handle.read(bytes, 0, size, 0);
    normalizeZipDates(bytes);
    await handle.write(bytes, 0, size, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
