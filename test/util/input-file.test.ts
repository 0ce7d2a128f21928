import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, messageOf } from '../../src/problems/render.js';
import { InputFileError, readInputFile, readInputFileSync } from '../../src/util/input-file.js';
import { must } from '../../src/util/must.js';

const dir = mkdtempSync(path.join(tmpdir(), 'input-file-'));
const posix = process.platform !== 'win32';

async function refusal(file: string, maxBytes = 1024): Promise<InputFileError> {
  const err = await readInputFile(file, { maxBytes }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputFileError);
  const sync = (() => {
    try {
      readInputFileSync(file, { maxBytes });
    } catch (e) {
      return e;
    }
  })();
  expect((sync as InputFileError).code).toBe((err as InputFileError).code);
  return err as InputFileError;
}

describe('readInputFile: a regular file within its limit, or a refusal', () => {
  it('reads a regular file whole, sync and async', async () => {
    const file = path.join(dir, '细则.yaml');
    writeFileSync(file, 'id: x\n'.repeat(1000));
    expect((await readInputFile(file, { maxBytes: 6000 })).length).toBe(6000);
    expect(readInputFileSync(file, { maxBytes: 6000 }).toString()).toBe('id: x\n'.repeat(1000));
  });

  it.runIf(posix)('a FIFO with no writer is refused at once (the open does not block)', async () => {
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const t0 = performance.now();
    const err = await refusal(fifo);
    expect(err.code).toBe('FILE_NOT_REGULAR');
    expect(err.location).toBe(fifo);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it.runIf(existsSync('/dev/zero'))('/dev/zero and /dev/urandom are refused, not read forever', async () => {
    expect((await refusal('/dev/zero')).code).toBe('FILE_NOT_REGULAR');
    expect((await refusal('/dev/urandom')).code).toBe('FILE_NOT_REGULAR');
  });

  it('a folder, a missing file, a file over the limit', async () => {
    const sub = path.join(dir, 'a-folder.xlsx');
    mkdirSync(sub);
    expect((await refusal(sub)).code).toBe('FILE_IS_DIRECTORY');
    expect((await refusal(path.join(dir, 'missing.xlsx'))).code).toBe('FILE_NOT_FOUND');
    const big = path.join(dir, 'big.json');
    writeFileSync(big, 'x'.repeat(2000));
    const err = await refusal(big, 1000);
    expect(err.code).toBe('FILE_TOO_LARGE');
    expect(err.size).toBe(2000);
  });

  it('each refusal carries its catalogued problem, in Chinese and in English', async () => {
    const big = path.join(dir, '城关镇.xlsx');
    writeFileSync(big, 'x'.repeat(3 * 1048576));
    const opts = { maxBytes: 1048576, display: '城关镇.xlsx', limitFlag: '--max-file-mb', what: 'excel' } as const;
    const tooLarge = must(((await readInputFile(big, opts).catch((e: unknown) => e)) as InputFileError).asProblem);
    expect([tooLarge.code, tooLarge.params]).toEqual(['INPUT_TOO_LARGE', { kind: 'excel', sizeMb: 3, limitMb: 1, flag: '--max-file-mb' }]);
    expect(formatProblem(tooLarge, 'zh')).toBe('城关镇.xlsx: 文件过大（3 MB，上限 1 MB），不像评分表（确需读取请加 --max-file-mb）');
    expect(formatProblem(tooLarge, 'en')).toBe('城关镇.xlsx: the file is 3 MB, over the 1 MB limit (raise it with --max-file-mb)');
    const sub = path.join(dir, '细则夹');
    mkdirSync(sub);
    const folder = (await readInputFile(sub, { maxBytes: 10, what: 'rubric', lang: 'en' }).catch((e: unknown) => e)) as InputFileError;
    expect(folder.message).toBe('this is a folder, not a rubric file; give the path of a file');
    expect(messageOf(must(folder.asProblem), 'zh')).toBe('这是一个文件夹，不是细则文件；请给出文件的路径');
  });

  it.runIf(existsSync('/proc/self/status'))('a file that reports size 0 but has content (/proc) is read to its end, within the limit', async () => {
    expect((await readInputFile('/proc/self/status', { maxBytes: 1 << 20 })).toString()).toContain('Name:');
    expect((await refusal('/proc/self/status', 10)).code).toBe('FILE_TOO_LARGE');
  });

  it.runIf(process.platform === 'linux')('a file name in GBK bytes (as unzip leaves it) is not "not found" but a name-encoding problem', async () => {
    // 城关镇.xlsx in GBK: B3C7 B9D8 D5F2; Node decodes the name with U+FFFD for the bytes.
    const raw = Buffer.concat([Buffer.from(dir + '/'), Buffer.from([0xb3, 0xc7, 0xb9, 0xd8, 0xd5, 0xf2]), Buffer.from('.xlsx')]);
    writeFileSync(raw, 'PK');
    const shown = raw.toString('utf8');
    expect(shown).toContain('\uFFFD');
    const err = await refusal(shown);
    expect(err.code).toBe('FILE_NAME_ENCODING');
    expect(err.message).toContain('文件名不是 UTF-8 编码');
    expect(err.message).not.toContain('找不到文件');
  });
});

describe('commands never hang on an input that never ends (FIFO, /dev/zero, /dev/urandom)', () => {
  async function run(...args: string[]) {
    const { main } = await import('../../src/cli/main.js');
    let stdout = '';
    let stderr = '';
    const code = await main(['node', 'station-eval', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    return { code, stdout, stderr };
  }
  const SELF = 'samples/示例县/示例县城关镇社工站.xlsx';

  it.runIf(posix && existsSync('/dev/zero'))(
    'score, rubric validate, report, verify, compare: exit 2 naming the file, at once',
    async () => {
      const fifo = path.join(dir, 'never.json');
      execFileSync('mkfifo', [fifo]);
      const t0 = performance.now();
      for (const special of [fifo, '/dev/zero', '/dev/urandom']) {
        const score = await run('score', special, '--self', SELF, '-q');
        expect(score.code).toBe(2);
        expect(score.stderr).toContain(special);
        expect(score.stderr).toContain('FILE_NOT_REGULAR');
        const validate = await run('rubric', 'validate', special);
        expect(validate.code).toBe(2);
        expect(validate.stdout).toContain(`${special}:1:1 error FILE_NOT_REGULAR`);
        const report = await run('report', special, '--out', path.join(dir, 'r'));
        expect(report.code).toBe(2);
        expect(report.stderr).toContain(`${special}: 这不是普通文件`);
        const verify = await run('verify', special, '--self', SELF);
        expect(verify.code).toBe(2);
        expect(verify.stderr).toContain(special);
        const compare = await run('compare', special, special, '--out', path.join(dir, 'c'));
        expect(compare.code).toBe(2);
        expect(compare.stderr).toContain(special);
        const selfPipe = await run('score', 'rubrics/fujian-style.yaml', '--self', special, '-q');
        expect(selfPipe.code).toBe(2);
      }
      expect(performance.now() - t0).toBeLessThan(30_000);
    },
    60_000,
  );
});
