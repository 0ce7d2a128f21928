import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { terminalSafe } from '../../src/util/terminal-safe.js';

describe('terminalSafe', () => {
  it('shows ESC, NUL, CR, DEL, C1 and bidi overrides as visible escapes; keeps newlines, tabs, CJK and emoji', () => {
    expect(terminalSafe('城关\u001b[31m镇\u0000\r\u007f\u009b')).toBe('城关\\x1b[31m镇\\x00\\x0d\\x7f\\x9b');
    expect(terminalSafe('\u202e社工站gpj.exe\u2066x\u2069')).toBe('\\u202e社工站gpj.exe\\u2066x\\u2069');
    expect(terminalSafe('第一行\n\t第二行 😀')).toBe('第一行\n\t第二行 😀');
  });

  it('the CLI never passes control characters from an input to stderr', async () => {
    let err = '';
    const code = await main(['node', 'station-eval', 'score', 'no-such-rubric\u001b]0;pwned\u0007.yaml', '--self', 'x.xlsx'], { stdout: () => {}, stderr: (t) => void (err += t) });
    expect(code).toBe(2);
    expect(err).toContain('\\x1b]0;pwned\\x07');
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(err).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });
});
