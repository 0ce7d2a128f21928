/**
 * Text from input files (station names, cell values, YAML text) printed to a
 * terminal must not drive the terminal: an ESC sequence could recolour,
 * retitle or rewrite the screen, a NUL or CR hide text, a bidi override
 * (U+202E) reverse what the reader sees. `terminalSafe` shows every such
 * character as a visible escape (`\x1b`, `\u202e`), keeping newlines and tabs.
 * Used on everything written to stderr, on the text summaries written to
 * stdout, and on text-format diagnostics; machine formats (JSON) keep the data.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
