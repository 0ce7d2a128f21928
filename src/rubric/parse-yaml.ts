/**
 * Stage 1 of loading a rubric: bytes → text → YAML AST → plain data, with a
 * source map so later stages can put every diagnostic on its line and column.
 *
 * - UTF-8 only (a BOM is stripped; GBK and UTF-16 are refused with a clear message);
 * - duplicate keys, syntax errors and alias bombs are diagnostics, all of them;
 * - ids stay strings: an unquoted `id: 1.10` becomes "1.10" (its source text),
 *   not 1.1, with a warning suggesting quotes; the same for numeric map keys;
 * - `__proto__`, `constructor`, `prototype` keys are refused, never assigned.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { diagnostic, formatDataPath, type Coded, type DataPath, type Diagnostic, type DiagnosticPlace, type PathSegment } from './diagnostics.js';

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Aliases beyond this count (weighted by their size) are refused as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;
/** Hard cap on the number of values built from the document. */
const MAX_NODES = 200_000;
/** Hard cap on nesting. */
const MAX_DEPTH = 200;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Keys whose numeric values are really strings (ids). */
const STRING_KEYS = new Set(['id', 'version']);

export interface SourcePosition {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface ParsedYaml {
  /** The plain data, or undefined when the document could not be parsed. */
  data: unknown;
  diagnostics: Diagnostic[];
  /** Position of the node at `path`; for a missing node, the nearest existing ancestor. `key: true` points at the key. */
  locate(path: DataPath, options?: { key?: boolean }): SourcePosition;
}

type Decoded = { text: string } | { diagnostic: Diagnostic };

/** The diagnostic for a file over the size limit. */
export function fileTooLarge(size: number, file: string, maxBytes = DEFAULT_MAX_BYTES): Diagnostic {
  const mb = Number((maxBytes / 1024 / 1024).toFixed(1));
  return diagnostic({
    file,
    line: 1,
    column: 1,
    path: '',
    code: 'FILE_TOO_LARGE',
    severity: 'error',
    params: { size, maxMb: mb },
    received: size,
    expected: maxBytes,
  });
}

/** Decode a rubric file's bytes as UTF-8 (BOM stripped), refusing anything else with a located diagnostic. */
export function decodeRubricBytes(bytes: Uint8Array, file: string, maxBytes = DEFAULT_MAX_BYTES): Decoded {
  const at = (line: number, column: number, coded: Coded): Decoded => ({
    diagnostic: diagnostic({ file, line, column, path: '', severity: 'error', ...coded }),
  });
  if (bytes.length > maxBytes) return { diagnostic: fileTooLarge(bytes.length, file, maxBytes) };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return at(1, 1, { code: 'FILE_NOT_UTF8', params: { encoding: 'utf-16' } });
  }
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    const bad = firstInvalidUtf8(body);
    const prefix = new TextDecoder('utf-8').decode(body.subarray(0, bad));
    const lines = prefix.split('\n');
    const line = lines.length;
    const column = (lines[lines.length - 1] ?? '').replace(/\r$/, '').length + 1;
    const byte = body.at(bad)?.toString(16).toUpperCase().padStart(2, '0') ?? '';
    return at(line, column, { code: 'FILE_NOT_UTF8', params: { encoding: 'unknown', line, column, byte } });
  }
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n: number;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    const d = b[i + 1];
    // Overlong forms and surrogates.
    if ((c === 0xe0 && d < 0xa0) || (c === 0xed && d > 0x9f) || (c === 0xf0 && d < 0x90) || (c === 0xf4 && d > 0x8f)) return i;
    i += n + 1;
  }
  return b.length;
}

/** Offsets of every repeated scalar key (the second and later occurrences), one Set per map. */
function duplicateKeyOffsets(doc: Document): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Map: (_key, map) => {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const v = pair.key.value;
        const id = `${typeof v}:${String(v)}`;
        if (seen.has(id)) offsets.push(pair.key.range?.[0] ?? 0);
        else seen.add(id);
      }
    },
  });
  return offsets;
}

function firstLine(message: string): string {
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

/** Parse YAML text into data plus a source map; never throws on bad input. */
export function parseRubricYaml(text: string, file: string): ParsedYaml {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  // uniqueKeys is checked below in linear time: yaml's own check compares every key with
  // every earlier one (O(n²): 20,000 keys took 6 s, a 5 MB file of keys would hang).
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });

  const pos = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const rangePos = (node: { range?: [number, number, number] | null } | null | undefined): SourcePosition => {
    if (!node?.range) return { line: 1, column: 1 };
    const start = pos(node.range[0]);
    const end = pos(node.range[1]);
    return { ...start, endLine: end.line, endColumn: end.column };
  };
  const add = (p: SourcePosition, path: DataPath, severity: 'error' | 'warning', coded: Coded, extra: Pick<DiagnosticPlace, 'received' | 'expected'> = {}) =>
    diagnostics.push(diagnostic({ file, ...p, path: formatDataPath(path), severity, ...coded, ...extra }));

  for (const [list, severity] of [
    [doc.errors, 'error'],
    [doc.warnings, 'warning'],
  ] as const) {
    for (const e of list) {
      const p = pos(e.pos[0]);
      // Every yaml code is catalogued (YAML_ERROR_CODES in the rubric messages is checked against yaml's ErrorCode).
      add(p, [], severity, { code: `YAML_${e.code}`, params: { detail: firstLine(e.message) } });
    }
  }

  const locate = (path: DataPath, options: { key?: boolean } = {}): SourcePosition => {
    let node: unknown = doc.contents;
    let last: SourcePosition = rangePos(doc.contents);
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => keyString(p.key) === String(seg));
        if (!pair) return last;
        const isLast = i === path.length - 1;
        if (isLast && options.key) return rangePos(pair.key as Node);
        if (pair.value == null || (isScalar(pair.value) && pair.value.range && pair.value.range[0] === pair.value.range[1])) {
          // `key:` with nothing after it: point at the key.
          last = rangePos(pair.key as Node);
          node = pair.value;
          continue;
        }
        node = pair.value;
        last = rangePos(node as Node);
      } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
        node = node.items[seg];
        last = rangePos(node as Node);
      } else {
        return last;
      }
    }
    return last;
  };

  const duplicates = duplicateKeyOffsets(doc);
  for (const offset of duplicates) add(pos(offset), [], 'error', { code: 'YAML_DUPLICATE_KEY', params: { detail: 'Map keys must be unique' } });
  const hasErrors = doc.errors.length > 0 || duplicates.length > 0;
  if (hasErrors) return { data: undefined, diagnostics, locate };
  if (doc.contents == null) {
    add({ line: 1, column: 1 }, [], 'error', { code: 'RUBRIC_EMPTY', params: {} });
    return { data: undefined, diagnostics, locate };
  }

  // Alias bombs: let yaml's own counter judge before building anything.
  let hasAlias = false;
  visit(doc, { Alias: () => ((hasAlias = true), visit.BREAK) });
  try {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- visit's callback sets hasAlias, which TypeScript's narrowing does not see
    if (hasAlias) doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    add({ line: 1, column: 1 }, [], 'error', { code: 'YAML_ALIAS_BOMB', params: { max: MAX_ALIAS_COUNT } }, { received: err instanceof Error ? err.message : String(err) });
    return { data: undefined, diagnostics, locate };
  }

  let built = 0;
  let tooBig = false;
  const build = (node: unknown, path: PathSegment[], parentKey: string | undefined, depth: number): unknown => {
    if (++built > MAX_NODES || depth > MAX_DEPTH) {
      tooBig = true;
      return undefined;
    }
    if (isAlias(node)) return build(node.resolve(doc), path, parentKey, depth + 1);
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        if (keyNode != null && !isScalar(keyNode) && !isAlias(keyNode)) {
          add(rangePos(keyNode), path, 'error', { code: 'YAML_COMPLEX_KEY', params: {} });
          continue;
        }
        const key = keyString(keyNode);
        const keyPath = [...path, key];
        if (FORBIDDEN_KEYS.has(key)) {
          add(rangePos(keyNode), keyPath, 'error', { code: 'RUBRIC_FORBIDDEN_KEY', params: { key } }, { received: key });
          continue;
        }
        if (isScalar(keyNode) && typeof keyNode.value === 'number' && path[path.length - 1] === 'moduleMinimums') {
          add(
            rangePos(keyNode),
            keyPath,
            'warning',
            { code: 'RUBRIC_ID_UNQUOTED', params: { key: 'moduleMinimums', source: key, asNumber: String(keyNode.value) } },
            { received: key, expected: `"${key}"` },
          );
        }
        out[key] = build(pair.value, keyPath, key, depth + 1);
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item, i) => build(item, [...path, i], undefined, depth + 1));
    if (isScalar(node)) {
      if (parentKey !== undefined && STRING_KEYS.has(parentKey) && typeof node.value === 'number' && node.type === 'PLAIN') {
        const source = typeof node.source === 'string' ? node.source : String(node.value);
        const asNumber = String(node.value);
        const coded: Coded =
          parentKey === 'id' ? { code: 'RUBRIC_ID_UNQUOTED', params: { key: 'id', source, asNumber } } : { code: 'RUBRIC_STRING_UNQUOTED', params: { key: parentKey, source, asNumber } };
        add(rangePos(node), path, 'warning', coded, { received: source, expected: `"${source}"` });
        return source;
      }
      return node.value;
    }
    return node == null ? null : undefined;
  };

  const data = build(doc.contents, [], undefined, 0);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- build() sets tooBig, which TypeScript's narrowing does not see
  if (tooBig) {
    add({ line: 1, column: 1 }, [], 'error', { code: 'YAML_TOO_COMPLEX', params: { maxValues: MAX_NODES, maxDepth: MAX_DEPTH } });
    return { data: undefined, diagnostics, locate };
  }
  return { data, diagnostics, locate };
}

/** The string a key stands for: strings as they are, other scalars by their source text ("1.10" stays "1.10"). */
function keyString(key: unknown): string {
  if (key == null) return '';
  if (isScalar(key)) {
    if (typeof key.value === 'string') return key.value;
    if (typeof key.source === 'string' && key.type === 'PLAIN') return key.source;
    return String(key.value);
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a YAML key that is a collection is shown as the yaml library prints it
  return String(key);
}

export type { Document };
