import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { openWorkbook } from '../../src/workbook/open-workbook.js';

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

async function failure(file: string): Promise<UserError> {
  try {
    await openWorkbook(file);
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('openWorkbook', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'open-wb-'));
  it.each([
    ['空.xlsx', new Uint8Array(0), 'FILE_EMPTY', '文件是空的（0 字节），请重新导出或重新发送'],
    ['旧.xls', new Uint8Array([...CFB, 0, 0, 0, 0]), 'FILE_OLD_FORMAT', '这是旧版 Excel/WPS 格式（.xls），请在 Excel 或 WPS 中“另存为” .xlsx 后再试'],
    ['旧.et', new Uint8Array([...CFB, 0, 0]), 'FILE_OLD_FORMAT', '这是旧版 Excel/WPS 格式（.et），请在 Excel 或 WPS 中“另存为” .xlsx 后再试'],
    ['加密.xlsx', new Uint8Array([...CFB, ...Buffer.from('EncryptionInfo', 'utf16le')]), 'FILE_ENCRYPTED', '文件设置了打开密码（已加密），请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再试'],
    ['表.csv', new TextEncoder().encode('编号,得分\n1.1.1,10\n'), 'FILE_NOT_XLSX', '这是文本文件，请在 Excel 或 WPS 中另存为 .xlsx'],
  ] as const)('%s', async (name, bytes, code, message) => {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    const err = await failure(file);
    expect(err.code).toBe(code);
    expect(err.message).toBe(message);
    expect(err.location).toBe(name);
  });

  it('corrupt zip, a folder, a missing file', async () => {
    const corrupt = path.join(dir, '坏.xlsx');
    await writeFile(corrupt, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]));
    const err = await failure(corrupt);
    expect(err.code).toBe('FILE_CORRUPT');
    expect(err.message).toMatch(/^文件已损坏，无法读取（.*），请用 Excel 或 WPS 打开后重新保存为 \.xlsx$/);
    const folder = path.join(dir, '文件夹.xlsx');
    await mkdir(folder);
    expect((await failure(folder)).code).toBe('FILE_IS_DIRECTORY');
    expect((await failure(path.join(dir, '没有.xlsx'))).code).toBe('FILE_NOT_FOUND');
  });

  it.skipIf(process.platform === 'win32')('a named pipe is refused at once instead of blocking the read', async () => {
    const fifo = path.join(dir, '管道.xlsx');
    execFileSync('mkfifo', [fifo]);
    const err = await failure(fifo);
    expect(err.code).toBe('FILE_NOT_REGULAR');
    expect(err.message).toBe('这不是普通文件（可能是管道或设备），无法作为 Excel 文件读取');
  });
});
