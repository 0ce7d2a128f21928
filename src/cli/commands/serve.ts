/**
 * `station-eval serve`: the local web page (src/serve/). Listens on 127.0.0.1
 * only, prints the address with this run's token, opens the default browser
 * (unless --no-open) and runs until Ctrl+C.
 */
import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { detectLang, t } from '../../util/lang.js';
import { addLimitOptions, parseLimits } from '../limit-flags.js';
import type { CommandContext } from '../main.js';

interface ServeOpts {
  port?: string;
  open?: boolean;
  dir?: string;
  jobs?: string;
  lang?: string;
  maxFileMb?: string;
  maxInflatedMb?: string;
  maxRows?: string;
}

export function register(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('serve')
    .description('在浏览器中使用：启动本机网页（仅 127.0.0.1） — the whole job in a local web page')
    .option('-p, --port <n>', '端口（默认自动选择空闲端口）')
    .option('--no-open', '不自动打开浏览器')
    .option('--dir <folder>', '输出文件夹（默认：新建的临时文件夹，页面上会显示）')
    .option('-j, --jobs <n>', '批量评分的并行线程数（默认：CPU 核数）')
    .option('--lang <lang>', 'zh | en');
  addLimitOptions(cmd)
    .addHelpText(
      'after',
      `
页面只在本机（127.0.0.1）可访问，每次启动生成新的访问令牌；文件不会发送到任何地方。按 Ctrl+C 停止。
The page is reachable from this computer only, guarded by a token made for each run. Ctrl+C stops it.

示例 / Examples:
  station-eval serve
  station-eval serve --port 8080 --dir 评估输出/ --no-open`,
    )
    .action(async (opts: ServeOpts) => {
      ctx.setExit(await runServe(opts, ctx));
    });
}

async function runServe(opts: ServeOpts, ctx: CommandContext): Promise<number> {
  const lang = detectLang(opts.lang);
  const limits = parseLimits(opts, lang);
  const int = (value: string | undefined, flag: string, min: number, max: number): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new UserError(t(lang, `${flag} 应为 ${min}–${max} 的整数，收到 "${value}"`, `${flag} must be an integer ${min}–${max}, got "${value}"`), { code: 'USAGE' });
    return n;
  };
  const port = int(opts.port, '--port', 0, 65535);
  const jobs = int(opts.jobs, '--jobs', 1, 64);
  const { startServer } = await import('../../serve/server.js');
  const server = await startServer({ port, dir: opts.dir, limits, jobs, lang, log: ctx.io.stderr });
  // Listening for Ctrl+C (and a service manager's SIGTERM) before the address is printed.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  ctx.io.stdout(`${server.url}\n`);
  ctx.io.stderr(
    t(
      lang,
      `station-eval 网页已启动（仅本机可访问）。输出文件夹：${server.dir}${server.temporary ? '（临时）' : ''}\n按 Ctrl+C 停止。\n`,
      `station-eval page running (this computer only). Output folder: ${server.dir}${server.temporary ? ' (temporary)' : ''}\nCtrl+C stops it.\n`,
    ),
  );
  if (opts.open !== false) {
    const { openBrowser } = await import('../../serve/open-browser.js');
    if (!(await openBrowser(server.url))) ctx.io.stderr(t(lang, '无法自动打开浏览器；请复制上面的地址到浏览器中打开。\n', 'Could not open a browser; copy the address above into one.\n'));
  }
  await stopped;
  await server.close();
  ctx.io.stderr(t(lang, '已停止。\n', 'Stopped.\n'));
  return 0;
}
