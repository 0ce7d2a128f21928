/** `station-eval serve` as a user starts it: the built CLI in its own process. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

function start(args: string[]) {
  const child = spawn(process.execPath, ['bin/station-eval.js', 'serve', ...args], { env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d: string) => (stdout += d));
  child.stderr.on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (c) => {
      resolve(c);
    });
  });
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\n/.exec(stdout);
      if (m) resolve(m[1]);
    });
    void exited.then(() => {
      reject(new Error(`exited: ${stderr}`));
    });
  });
  return { child, url, exited, out: () => ({ stdout, stderr }) };
}

describe.skipIf(!existsSync('dist/cli/main.js'))('station-eval serve', () => {
  it('prints the address with its token, serves the page, and stops on SIGTERM with exit 0', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'serve-cli-'));
    const run = start(['--no-open', '--dir', path.join(dir, '输出')]);
    try {
      const url = await run.url;
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('乡镇(街道)社工站评估与星级认定');
      expect((await fetch(url.replace(/\?token=.*/, ''))).status).toBe(401);
      expect(run.out().stderr).toContain(`输出文件夹：${path.join(dir, '输出')}`);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    expect(run.out().stderr).toContain('已停止');
    await rm(dir, { recursive: true, force: true });
  }, 30_000);

  it('--port takes the port asked for, and a busy one is a usage error', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => {
      blocker.listen(0, '127.0.0.1', () => {
        resolve();
      });
    });
    const busy = (blocker.address() as { port: number }).port;
    try {
      let stderr = '';
      const code = await main(['node', 'station-eval', 'serve', '--no-open', '--port', String(busy)], { stdout: () => {}, stderr: (s) => (stderr += s) });
      expect(code).toBe(2);
      expect(stderr).toContain(`端口 ${busy} 已被占用或不可用`);
    } finally {
      blocker.close();
    }
    const free = busy; // released now
    const run = start(['--no-open', '--port', String(free)]);
    let dir: string;
    try {
      expect(await run.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${free}/\\?token=`));
      for (let i = 0; i < 100 && !run.out().stderr.includes('（临时）'); i++) await new Promise((r) => setTimeout(r, 50));
      dir = /输出文件夹：(.+)（临时）/.exec(run.out().stderr)?.[1] ?? '';
      expect(existsSync(dir)).toBe(true);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    // Its temporary folder, still empty, went with it.
    expect(existsSync(dir)).toBe(false);
  }, 30_000);

  it('refuses a bad --port', async () => {
    let stderr = '';
    const code = await main(['node', 'station-eval', 'serve', '--no-open', '--port', '70000'], { stdout: () => {}, stderr: (s) => (stderr += s) });
    expect(code).toBe(2);
    expect(stderr).toContain('--port 应为 0–65535 的整数，收到 "70000"');
  });
});
