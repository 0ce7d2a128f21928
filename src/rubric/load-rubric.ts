/**
 * Load and validate a rubric file in three stages, collecting every problem:
 *   1. parse   — UTF-8 text, YAML syntax, duplicate keys, alias bombs (parse-yaml.ts);
 *   2. structure — the zod schema (schema.ts), unknown keys with "did you mean";
 *   3. semantics — the named rules in ./rules (sums, ids, star bands …).
 * Other commands call `loadRubric`; `rubric validate` calls `validateRubricFile`.
 */
import { UserError } from '../errors.js';
import { problem } from '../problems/render.js';
import { InputFileError, readInputFile } from '../util/input-file.js';
import { detectLang, type Lang } from '../util/lang.js';
import { diagnostic, formatDataPath, hasErrors, messageOf, sortDiagnostics, type Coded, type Diagnostic } from './diagnostics.js';
import { rubricFromData, sha256Hex, type LoadedRubric } from './model.js';
import { decodeRubricBytes, DEFAULT_MAX_BYTES, fileTooLarge, parseRubricYaml, type ParsedYaml } from './parse-yaml.js';
import { rules as defaultRules, type RubricRule } from './rules/index.js';
import { Rubric, type RubricData } from './schema.js';
import { structureDiagnostics, withoutUnknownKeys } from './structure-diagnostics.js';

export interface ValidationResult {
  /** The loaded rubric when there is no error (warnings allowed). */
  rubric?: LoadedRubric;
  /** Every problem found, sorted by line and column. */
  diagnostics: Diagnostic[];
}

export interface FileValidationResult extends ValidationResult {
  file: string;
  /** True when the file could not be read at all (missing, a folder, no permission). */
  unreadable?: boolean;
}

export interface ValidateOptions {
  /** Largest accepted file in bytes; default 5 MB. */
  maxBytes?: number;
  /** Semantic rules to run; default all of ./rules. */
  rules?: readonly RubricRule[];
}

/** Validate YAML text (already decoded). `file` labels the diagnostics. */
export function validateRubricText(text: string, file: string, options: ValidateOptions & { sha256?: string } = {}): ValidationResult {
  // YAML line breaks are LF, CRLF or a lone CR (YAML 1.2 § 5.4); the parser knows the first two, so a
  // file saved with old Mac line ends read as one comment line ("empty"). One character for one: positions hold.
  const parsed = parseRubricYaml(text.indexOf('\r') >= 0 ? text.replace(/\r(?!\n)/g, '\n') : text, file);
  const diagnostics = [...parsed.diagnostics];
  if (parsed.data === undefined || hasErrors(parsed.diagnostics)) return { diagnostics: sortDiagnostics(diagnostics) };

  let data: RubricData | undefined;
  const first = Rubric.safeParse(parsed.data);
  if (first.success) data = first.data;
  else {
    diagnostics.push(...structureDiagnostics(Rubric, first.error.issues, parsed.data, file, (path, options) => parsed.locate(path, options)));
    // Unknown keys alone do not stop the semantic rules: drop them and try again.
    if (first.error.issues.every((i) => i.code === 'unrecognized_keys')) {
      const second = Rubric.safeParse(withoutUnknownKeys(parsed.data, first.error.issues));
      if (second.success) data = second.data;
    }
  }
  if (data !== undefined) diagnostics.push(...runRules(data, file, parsed, options.rules ?? defaultRules));

  const sorted = sortDiagnostics(diagnostics);
  if (data === undefined || hasErrors(sorted)) return { diagnostics: sorted };
  return { rubric: rubricFromData(data, file, options.sha256 ?? sha256Hex(text)), diagnostics: sorted };
}

function runRules(data: RubricData, file: string, parsed: ParsedYaml, rules: readonly RubricRule[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    const ctx = {
      data,
      file,
      locate: (path: readonly (string | number)[]) => parsed.locate(path),
      report: (r: Parameters<Parameters<RubricRule['check']>[0]['report']>[0]) => {
        const pos = parsed.locate(r.path, { key: r.key });
        out.push(
          diagnostic({
            file,
            ...pos,
            path: formatDataPath(r.path),
            severity: r.severity ?? 'error',
            ...({ code: r.code, params: r.params } as Coded),
            ...(r.received !== undefined ? { received: r.received } : {}),
            ...(r.expected !== undefined ? { expected: r.expected } : {}),
          }),
        );
      },
    };
    try {
      rule.check(ctx);
    } catch (err) {
      // A rule's bug must not hide the other rules' findings.
      out.push(
        diagnostic({
          file,
          line: 1,
          column: 1,
          path: '',
          code: 'RULE_CRASHED',
          severity: 'error',
          params: { rule: rule.name, error: err instanceof Error ? err.message : String(err) },
        }),
      );
    }
  }
  return out;
}

/** Validate raw bytes: decoding (UTF-8 only, size limit) then the three stages. */
export function validateRubricBytes(bytes: Uint8Array, file: string, options: ValidateOptions = {}): ValidationResult {
  const decoded = decodeRubricBytes(bytes, file, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if ('diagnostic' in decoded) return { diagnostics: [decoded.diagnostic] };
  return validateRubricText(decoded.text, file, { ...options, sha256: sha256Hex(bytes) });
}

/** Read and validate one file. Never throws for bad input: an unreadable file is a diagnostic with `unreadable: true`. */
export async function validateRubricFile(file: string, options: ValidateOptions = {}): Promise<FileValidationResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Uint8Array;
  try {
    bytes = await readInputFile(file, { maxBytes, what: 'rubric' });
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    if (err.problem === 'FILE_TOO_LARGE') return { file, diagnostics: [fileTooLarge(err.size ?? maxBytes + 1, file, maxBytes)] };
    const place = { file, line: 1, column: 1, path: '', severity: 'error' } as const;
    let problem: Diagnostic;
    switch (err.problem) {
      case 'FILE_NOT_FOUND':
        problem = diagnostic({ ...place, code: 'FILE_UNREADABLE', params: { reason: 'not-found' } });
        break;
      case 'FILE_IS_DIRECTORY':
        problem = diagnostic({ ...place, code: 'FILE_UNREADABLE', params: { reason: 'directory' } });
        break;
      case 'FILE_NOT_REGULAR':
      case 'FILE_NAME_ENCODING':
        problem = diagnostic({ ...place, code: err.problem, params: {} });
        break;
      default:
        problem = diagnostic({ ...place, code: 'FILE_UNREADABLE', params: { reason: 'other', detail: err.message, detailEn: (err.cause as Error | undefined)?.message ?? err.message } });
    }
    return { file, unreadable: true, diagnostics: [problem] };
  }
  return { file, ...validateRubricBytes(bytes, file, options) };
}

/**
 * Load a rubric for scoring: the LoadedRubric, or a UserError listing every
 * error (warnings are not printed here; `rubric validate` shows them).
 */
export async function loadRubric(file: string, options: ValidateOptions & { lang?: Lang } = {}): Promise<LoadedRubric> {
  const result = await validateRubricFile(file, options);
  if (result.rubric) return result.rubric;
  const lang = options.lang ?? detectLang();
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const first = errors.at(0);
  const lines = errors.map((d) => `  ${d.file}:${d.line}:${d.column} ${d.code} ${messageOf(d, lang)}`);
  const head = messageOf(problem('RUBRIC_INVALID', 'error', { file }, { file, errors: errors.length }), lang);
  throw new UserError(`${head}\n${lines.join('\n')}`, {
    location: first ? (first.line > 0 ? `${first.file}:${first.line}:${first.column}` : first.file) : file,
    code: first?.code ?? 'RUBRIC_INVALID',
    exitCode: 2,
  });
}
