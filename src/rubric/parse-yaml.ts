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
import { diagnostic, formatDataPath, type DataPath, type Diagnostic, type DiagnosticFields, type PathSegment } from './diagnostics.js';

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Aliases beyond this count (weighted by their size) are refused as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;
/** Hard cap on the number of values built from the document. */
const MAX_NODES = 200_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Keys whose numeric values are really strings (ids). */
const STRING_KEYS: Record<string, string> = { id: 'RUBRIC_ID_UNQUOTED', version: 'RUBRIC_STRING_UNQUOTED' };

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
    message: `文件过大（${size} 字节）；评分细则文件最大 ${mb} MB`,
    messageEn: `File too large (${size} bytes); a rubric file may be at most ${mb} MB`,
    received: size,
    expected: maxBytes,
  });
}

/** Decode a rubric file's bytes as UTF-8 (BOM stripped), refusing anything else with a located diagnostic. */
export function decodeRubricBytes(bytes: Uint8Array, file: string, maxBytes = DEFAULT_MAX_BYTES): Decoded {
  const at = (line: number, column: number, code: string, message: string, messageEn: string, extra: Partial<DiagnosticFields> = {}): Decoded => ({
    diagnostic: diagnostic({ file, line, column, path: '', code, severity: 'error', message, messageEn, ...extra }),
  });
  if (bytes.length > maxBytes) return { diagnostic: fileTooLarge(bytes.length, file, maxBytes) };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return at(1, 1, 'FILE_NOT_UTF8', '文件是 UTF-16 编码；请以 UTF-8 保存', 'The file is UTF-16 encoded; please save it as UTF-8');
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
    return at(
      line,
      column,
      'FILE_NOT_UTF8',
      `文件不是 UTF-8 编码（第 ${line} 行第 ${column} 列字节 0x${byte}，可能是 GBK）；请以 UTF-8 保存`,
      `The file is not UTF-8 (byte 0x${byte} at line ${line}, column ${column}; GBK perhaps); please save it as UTF-8`,
    );
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

const YAML_MESSAGES_ZH: Record<string, string> = {
  DUPLICATE_KEY: '键重复',
  BAD_INDENT: '缩进错误',
  MISSING_CHAR: '缺少字符',
  MULTIPLE_DOCS: '文件包含多个 YAML 文档，只允许一个',
  MULTILINE_IMPLICIT_KEY: '隐式键不能跨行',
  TAB_AS_INDENT: '不能用 Tab 缩进，请用空格',
  UNEXPECTED_TOKEN: '意外的符号',
  BLOCK_AS_IMPLICIT_KEY: '块结构不能作为隐式键',
  BAD_SCALAR_START: '标量开头字符不合法（含 : 或 # 等特殊字符的文本请加引号）',
  BAD_ALIAS: '别名错误',
  BAD_DIRECTIVE: '指令错误',
  TAG_RESOLVE_FAILED: '无法解析标签',
  ALIAS_PROPS: '别名不能带属性',
  KEY_OVER_1024_CHARS: '隐式键超过 1024 个字符',
  IMPOSSIBLE: '内部解析错误',
  MISSING_ANCHOR: '别名引用了不存在的锚点',
};

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
  const add = (p: SourcePosition, path: DataPath, code: string, severity: 'error' | 'warning', message: string, messageEn: string, extra: Partial<DiagnosticFields> = {}) =>
    diagnostics.push(diagnostic({ file, ...p, path: formatDataPath(path), code, severity, message, messageEn, ...extra }));

  for (const [list, severity] of [
    [doc.errors, 'error'],
    [doc.warnings, 'warning'],
  ] as const) {
    for (const e of list) {
      const p = pos(e.pos[0]);
      const en = firstLine(e.message);
      const zhBase = YAML_MESSAGES_ZH[e.code];
      const code = e.code === 'DUPLICATE_KEY' ? 'YAML_DUPLICATE_KEY' : `YAML_${e.code}`;
      add(p, [], code, severity, zhBase ? `YAML ${zhBase}（${en}）` : `YAML 语法错误：${en}`, `YAML: ${en}`);
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
  for (const offset of duplicates) add(pos(offset), [], 'YAML_DUPLICATE_KEY', 'error', `YAML ${YAML_MESSAGES_ZH.DUPLICATE_KEY}（Map keys must be unique）`, 'YAML: Map keys must be unique');
  const hasErrors = doc.errors.length > 0 || duplicates.length > 0;
  if (hasErrors) return { data: undefined, diagnostics, locate };
  if (doc.contents == null) {
    add(
      { line: 1, column: 1 },
      [],
      'RUBRIC_EMPTY',
      'error',
      '文件是空的：评分细则至少需要 id、title、version、total、modules、stars',
      'The file is empty: a rubric needs at least id, title, version, total, modules and stars',
    );
    return { data: undefined, diagnostics, locate };
  }

  // Alias bombs: let yaml's own counter judge before building anything.
  let hasAlias = false;
  visit(doc, { Alias: () => ((hasAlias = true), visit.BREAK) });
  try {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- visit's callback sets hasAlias, which TypeScript's narrowing does not see
    if (hasAlias) doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    add(
      { line: 1, column: 1 },
      [],
      'YAML_ALIAS_BOMB',
      'error',
      `别名（*锚点）展开过多（超过 ${MAX_ALIAS_COUNT}），疑似“别名炸弹”，拒绝读取`,
      `Too many alias expansions (over ${MAX_ALIAS_COUNT}): an alias bomb is refused`,
      {
        received: err instanceof Error ? err.message : String(err),
      },
    );
    return { data: undefined, diagnostics, locate };
  }

  let built = 0;
  let tooBig = false;
  const build = (node: unknown, path: PathSegment[], parentKey: string | undefined, depth: number): unknown => {
    if (++built > MAX_NODES || depth > 200) {
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
          add(rangePos(keyNode), path, 'YAML_COMPLEX_KEY', 'error', '键必须是简单文本', 'A key must be plain text');
          continue;
        }
        const key = keyString(keyNode);
        const keyPath = [...path, key];
        if (FORBIDDEN_KEYS.has(key)) {
          add(rangePos(keyNode), keyPath, 'RUBRIC_FORBIDDEN_KEY', 'error', `不允许使用键 "${key}"`, `The key "${key}" is not allowed`, { received: key });
          continue;
        }
        if (isScalar(keyNode) && typeof keyNode.value === 'number' && path[path.length - 1] === 'moduleMinimums') {
          const lossy = String(keyNode.value) !== key;
          add(
            rangePos(keyNode),
            keyPath,
            'RUBRIC_ID_UNQUOTED',
            'warning',
            lossy ? `模块编号 ${key} 未加引号，其他 YAML 工具会把它读成数字 ${String(keyNode.value)}；请写成 "${key}"` : `模块编号 ${key} 未加引号（会被当作数字）；请写成 "${key}"`,
            lossy
              ? `Module id ${key} is not quoted; other YAML tools read it as the number ${String(keyNode.value)}; write "${key}"`
              : `Module id ${key} is not quoted (it is a number); write "${key}"`,
            { received: key, expected: `"${key}"` },
          );
        }
        out[key] = build(pair.value, keyPath, key, depth + 1);
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item, i) => build(item, [...path, i], undefined, depth + 1));
    if (isScalar(node)) {
      const code = parentKey !== undefined ? STRING_KEYS[parentKey] : undefined;
      if (code && typeof node.value === 'number' && node.type === 'PLAIN') {
        const source = typeof node.source === 'string' ? node.source : String(node.value);
        const lossy = String(node.value) !== source;
        const what = parentKey === 'id' ? '编号' : parentKey;
        add(
          rangePos(node),
          path,
          code,
          'warning',
          lossy ? `${what} ${source} 未加引号，其他 YAML 工具会把它读成数字 ${String(node.value)}；请写成 "${source}"` : `${what} ${source} 未加引号（会被当作数字）；请写成 "${source}"`,
          lossy
            ? `${parentKey} ${source} is not quoted; other YAML tools read it as the number ${String(node.value)}; write "${source}"`
            : `${parentKey} ${source} is not quoted (it is a number); write "${source}"`,
          { received: source, expected: `"${source}"` },
        );
        return source;
      }
      return node.value;
    }
    return node == null ? null : undefined;
  };

  const data = build(doc.contents, [], undefined, 0);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- build() sets tooBig, which TypeScript's narrowing does not see
  if (tooBig) {
    add(
      { line: 1, column: 1 },
      [],
      'YAML_TOO_COMPLEX',
      'error',
      `文档结构过大或嵌套过深（超过 ${MAX_NODES} 个值或 200 层）`,
      `The document is too large or too deeply nested (over ${MAX_NODES} values or 200 levels)`,
    );
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
