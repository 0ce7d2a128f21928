/**
 * File names from station and county names, safe on Windows, macOS and Linux:
 * no path separators or `..`, no reserved characters or device names (CON,
 * NUL, COM1 …), no control or bidi characters, bounded length. Collisions
 * between different stations are resolved deterministically.
 */

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Controls, path/reserved characters, and bidi/zero-width format characters.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Bytes, not characters: most file systems limit a name to 255 bytes. */
const MAX_BYTES = 150;

export function safeFileName(name: string, fallback = '未命名'): string {
  let s = name
    .normalize('NFC')
    .replace(/\.{2,}/g, '_')
    .replace(UNSAFE, '_')
    .replace(/_{2,}/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^_+|_+$/g, '')
    .trim();
  // No leading dots (hidden files, "..") and no trailing dots or spaces (Windows strips them).
  s = s.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (s === '' || /^_+$/.test(s)) s = fallback;
  if (RESERVED.test(s)) s = `_${s}`;
  return truncateBytes(s, MAX_BYTES);
}

function truncateBytes(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s, 'utf8') <= maxBytes) return s;
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch, 'utf8') > maxBytes) break;
    out += ch;
  }
  return out;
}

/**
 * Assign unique names: the first claimant (in the order given; callers sort
 * deterministically) keeps the plain name, later ones get " (2)", " (3)" …
 * Comparison is case-insensitive, as on Windows and macOS.
 */
export class UniqueNames {
  private readonly taken = new Set<string>();

  claim(name: string): string {
    let candidate = name;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = `${name} (${n})`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
