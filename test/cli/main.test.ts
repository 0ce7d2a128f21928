import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

function capture() {
  let out = '';
  let err = '';
  return { io: { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s) }, out: () => out, err: () => err };
}

describe('cli main', () => {
  it('prints help and exits 0', async () => {
    const c = capture();
    const code = await main(['node', 'station-eval', '--help'], c.io);
    expect(code).toBe(0);
    expect(c.out()).toContain('station-eval');
  });

  it('exits 2 on an unknown option', async () => {
    const c = capture();
    const code = await main(['node', 'station-eval', '--no-such-option'], c.io);
    expect(code).toBe(2);
    expect(c.err()).toContain('--no-such-option');
  });
});
