import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe.skipIf(!existsSync('dist/cli/main.js'))('bin/station-eval.js', () => {
  it('a reader that closes the pipe early (| head) ends the run quietly, without a stack trace', async () => {
    const child = spawn(process.execPath, ['bin/station-eval.js', 'batch', '--help']);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    // Close our end before the CLI writes, like `head` exiting early.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  });
});
