import { describe, expect, it } from 'vitest';
import { openerFor } from '../../src/serve/open-browser.js';

describe('openerFor', () => {
  const url = 'http://127.0.0.1:5000/?token=abc_-1';
  it('uses the platform opener with the URL as one argument, never a shell string', () => {
    expect(openerFor('darwin', url)).toEqual({ command: 'open', args: [url] });
    expect(openerFor('win32', url)).toEqual({ command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] });
    expect(openerFor('linux', url)).toEqual({ command: 'xdg-open', args: [url] });
    expect(openerFor('freebsd', url)).toEqual({ command: 'xdg-open', args: [url] });
  });
});
