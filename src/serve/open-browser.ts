/**
 * Open a URL in the default browser: `open` on macOS, the URL protocol
 * handler on Windows (rundll32, no cmd.exe: nothing is parsed by a shell),
 * `xdg-open` elsewhere. Arguments are passed as a list, never as a shell
 * string. Failure (no desktop, no opener) is reported, not thrown: the URL
 * is printed anyway.
 */
import { spawn } from 'node:child_process';

export function openerFor(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  return { command: 'xdg-open', args: [url] };
}

/** Start the opener; resolves false when it could not be started. */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const { command, args } = openerFor(platform, url);
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true, shell: false });
      child.once('error', () => {
        resolve(false);
      });
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
