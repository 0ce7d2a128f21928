import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { openWorkbook } from '../../src/workbook/open-workbook.js';
import { formatProblem } from '../../src/problems/render.js';
import { must } from '../../src/util/must.js';

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
    ['加密.xlsx', new Uint8Array([...CFB, ...Buffer.from('EncryptionInfo', 'utf16le')]), 'FILE_ENCRYPTED', '文件设置了打开密码（已加密），请在 Excel 或 WPS 中取消密码后重新保存再试'],
    [
      '文本.xlsx',
      new TextEncoder().encode('编号,得分\n1.1.1,10\n'),
      'FILE_NOT_XLSX',
      '不是可读取的工作簿（文件已损坏，或不是 Excel/WPS/LibreOffice 表格），请重新导出为 .xlsx、.xlsm、.xls、.et、.ods 或 .csv',
    ],
  ] as const)('%s', async (name, bytes, code, message) => {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    const err = await failure(file);
    expect(err.code).toBe(code);
    expect(err.message).toBe(message);
    expect(err.location).toBe(name);
  });

  it.each([
    ['旧.xls', new Uint8Array([...CFB, 0, 0, 0, 0])],
    ['旧.et', new Uint8Array([...CFB, 0, 0])],
  ])('a damaged compound file (%s) is read by SheetJS and refused as corrupt, with the file named', async (name, bytes) => {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    const err = await failure(file);
    expect(err.code).toBe('FILE_CORRUPT');
    expect(err.location).toBe(name);
    expect(err.message).toMatch(/^文件已损坏，无法读取（.+），请用 Excel 或 WPS 打开后重新保存$/);
  });

  it('a CSV is read (UTF-8 with a BOM, and GB18030), every cell as the text it is', async () => {
    const utf8 = path.join(dir, '表.csv');
    await writeFile(utf8, '\uFEFF编号,名称,自评得分\n1.10,服务场所面积,10\n1.2,"牌匾, 门外",96%\n');
    const gbk = path.join(dir, '国标.csv');
    await writeFile(gbk, Buffer.from([0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xb5, 0xc3, 0xb7, 0xd6, 0x0a, 0x31, 0x2e, 0x31, 0x2c, 0x35, 0x0a])); // 编号,得分 / 1.1,5 in GB18030
    const a = (await openWorkbook(utf8)).grid.sheets[0];
    expect([a.get(1, 1), a.get(2, 1), a.get(2, 3), a.get(3, 2), a.get(3, 3), a.rowCount, a.columnCount]).toEqual(['编号', '1.10', '10', '牌匾, 门外', '96%', 3, 3]);
    const b = (await openWorkbook(gbk)).grid.sheets[0];
    expect([b.get(1, 1), b.get(1, 2), b.get(2, 1), b.get(2, 2)]).toEqual(['编号', '得分', '1.1', '5']);
  });

  it('corrupt zip, a folder, a missing file', async () => {
    const corrupt = path.join(dir, '坏.xlsx');
    await writeFile(corrupt, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]));
    const err = await failure(corrupt);
    expect(err.code).toBe('FILE_CORRUPT');
    expect(err.message).toMatch(/^文件已损坏，无法读取（.*），请用 Excel 或 WPS 打开后重新保存$/);
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
    expect(err.message).toBe('这不是普通文件（是管道、设备或套接字，如 /dev/zero），不能作为Excel 文件读取');
  });

  it('an IRM-protected workbook (rights-managed, encrypted package in a compound file) is named as such, not "an old .xls"', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'irm-'));
    const file = path.join(dir, '受保护.xlsx');
    const bytes = new Uint8Array(8192);
    bytes.set(CFB, 0);
    bytes.set(Buffer.from('\u0006DataSpaces', 'utf16le'), 1024);
    bytes.set(Buffer.from('DRMEncryptedDataSpace', 'utf16le'), 2048);
    bytes.set(Buffer.from('EncryptedPackage', 'utf16le'), 3072);
    await writeFile(file, bytes);
    const err = await failure(file);
    expect(err.code).toBe('FILE_RIGHTS_PROTECTED');
    expect(err.message).toContain('信息权限管理（IRM/RMS');
    expect(err.message).toContain('这不是旧版 .xls');
  });

  it('a number Excel would refuse (8abc) is a located FILE_INVALID, not a guess', async () => {
    const { rawXlsx } = await import('../hostile/raw-xlsx.js');
    const dir = await mkdtemp(path.join(tmpdir(), 'strict-'));
    const file = path.join(dir, '城关镇.xlsx');
    await writeFile(file, rawXlsx([{ name: '自评表', sheetData: '<row r="3"><c r="D3"><v>8abc</v></c></row>' }]));
    const err = await failure(file);
    expect(err.code).toBe('FILE_INVALID');
    expect(err.format()).toBe('城关镇.xlsx: 文件内容无效：自评表!D3: "8abc" 不是有效的数值（Excel 也无法读取）；请在 Excel 或 WPS 中重新输入并保存');
    // The problem a batch lists: its own code and params, its words in either language.
    const p = must(err.asProblem);
    expect([p.code, p.params, p.location]).toEqual(['XLSX_NUMBER_INVALID', { where: '自评表!D3', value: '8abc' }, { file: '城关镇.xlsx' }]);
    expect(formatProblem(p, 'en')).toBe('城关镇.xlsx: the file is invalid: 自评表!D3: "8abc" is not a valid number; re-enter it in Excel or WPS');
  });
});
