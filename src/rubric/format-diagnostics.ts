/**
 * Formatters of validation diagnostics, registered by name. Each is a pure
 * function of the diagnostics (plus the list of files checked) returning text.
 *
 * - text:   `file:line:col severity code message`, editors jump to it; coloured only when asked (TTY, no NO_COLOR);
 * - json:   the diagnostics and counts, for scripts;
 * - github: workflow commands (`::error file=…,line=…::message`) so Actions annotates the lines;
 * - sarif:  SARIF 2.1.0 for code-scanning tools.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Chalk } from 'chalk';
import type { Lang } from '../util/lang.js';
import { terminalSafe } from '../util/terminal-safe.js';
import { countDiagnostics, diagnosticFields, messageOf, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { must } from '../util/must.js';

export const DIAGNOSTIC_FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

export interface FormatOptions {
  lang: Lang;
  /** Colour the text format (ANSI); default false. */
  color?: boolean;
  /** The files that were checked (for counts and the SARIF artifact list). */
  files?: readonly string[];
  tool?: { name: string; version: string };
}

export type DiagnosticFormatter = (diagnostics: readonly Diagnostic[], options: FormatOptions) => string;

export function summaryLine(diagnostics: readonly Diagnostic[], lang: Lang, fileCount?: number): string {
  const { errors, warnings } = countDiagnostics(diagnostics);
  if (lang === 'en') {
    const files = fileCount === undefined ? '' : ` in ${fileCount} file${fileCount === 1 ? '' : 's'}`;
    if (errors === 0 && warnings === 0) return `No problems${files}.`;
    return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${files}.`;
  }
  const files = fileCount === undefined ? '' : `（共 ${fileCount} 个文件）`;
  if (errors === 0 && warnings === 0) return `没有发现问题${files}。`;
  return `${errors} 个错误，${warnings} 个警告${files}。`;
}

export const formatText: DiagnosticFormatter = (diagnostics, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines = sortDiagnostics(diagnostics).map((d) => {
    const where = c.bold(terminalSafe(`${d.file}:${d.line}:${d.column}`));
    const severity = d.severity === 'error' ? c.red(d.severity) : c.yellow(d.severity);
    const at = d.path ? c.dim(` (${terminalSafe(d.path)})`) : '';
    return `${where} ${severity} ${c.dim(d.code)} ${terminalSafe(messageOf(d, options.lang))}${at}`;
  });
  const { errors } = countDiagnostics(diagnostics);
  const summary = summaryLine(diagnostics, options.lang, options.files?.length);
  lines.push(errors > 0 ? c.red.bold(summary) : diagnostics.length > 0 ? c.yellow(summary) : c.green(summary));
  return `${lines.join('\n')}\n`;
};

export const formatJson: DiagnosticFormatter = (diagnostics, options) => {
  const sorted = sortDiagnostics(diagnostics);
  const { errors, warnings } = countDiagnostics(sorted);
  const files = (options.files ?? [...new Set(sorted.map((d) => d.file))]).map((file) => {
    const own = sorted.filter((d) => d.file === file);
    const counts = countDiagnostics(own);
    return { file, errorCount: counts.errors, warningCount: counts.warnings };
  });
  return `${JSON.stringify({ tool: options.tool, errorCount: errors, warningCount: warnings, files, diagnostics: sorted.map(diagnosticFields) }, null, 2)}\n`;
};

/** Escape the message (data) of a GitHub workflow command. */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value of a GitHub workflow command. */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const toPosix = (file: string) => file.split(path.sep).join('/');

export const formatGithub: DiagnosticFormatter = (diagnostics, options) => {
  const lines = sortDiagnostics(diagnostics).map((d) => {
    const props = [
      `file=${escapeGithubProperty(toPosix(d.file))}`,
      `line=${d.line}`,
      `col=${d.column}`,
      ...(d.endLine !== undefined ? [`endLine=${d.endLine}`] : []),
      ...(d.endColumn !== undefined && d.endLine === d.line ? [`endColumn=${d.endColumn}`] : []),
      `title=${escapeGithubProperty(d.code)}`,
    ].join(',');
    const message = `${messageOf(d, options.lang)}${d.path ? ` (${d.path})` : ''}`;
    return `::${d.severity} ${props}::${escapeGithubData(message)}`;
  });
  lines.push(summaryLine(diagnostics, options.lang, options.files?.length));
  return `${lines.join('\n')}\n`;
};

function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: toPosix(path.normalize(file)).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

export const formatSarif: DiagnosticFormatter = (diagnostics, options) => {
  const sorted = sortDiagnostics(diagnostics);
  const codes = [...new Set(sorted.map((d) => d.code))].sort();
  const ruleIndex = new Map(codes.map((code, i) => [code, i]));
  const rules = codes.map((code) => {
    const sample = must(sorted.find((d) => d.code === code));
    return {
      id: code,
      name: code
        .toLowerCase()
        .split('_')
        .map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1)))
        .join(''),
      shortDescription: { text: code },
      defaultConfiguration: { level: sample.severity },
    };
  });
  const results = sorted.map((d) => ({
    ruleId: d.code,
    ruleIndex: ruleIndex.get(d.code),
    level: d.severity,
    message: { text: messageOf(d, options.lang) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactUri(d.file),
          region: {
            startLine: d.line,
            startColumn: d.column,
            ...(d.endLine !== undefined ? { endLine: d.endLine } : {}),
            ...(d.endColumn !== undefined ? { endColumn: d.endColumn } : {}),
          },
        },
        ...(d.path ? { logicalLocations: [{ fullyQualifiedName: d.path, kind: 'member' }] } : {}),
      },
    ],
    ...(d.received !== undefined || d.expected !== undefined
      ? { properties: { ...(d.received !== undefined ? { received: d.received } : {}), ...(d.expected !== undefined ? { expected: d.expected } : {}) } }
      : {}),
  }));
  const files = options.files ?? [...new Set(sorted.map((d) => d.file))];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.tool?.name ?? 'station-eval',
            ...(options.tool?.version ? { version: options.tool.version, semanticVersion: options.tool.version } : {}),
            rules,
          },
        },
        artifacts: files.map((f) => ({ location: artifactUri(f) })),
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

export const diagnosticFormatters: Record<DiagnosticFormat, DiagnosticFormatter> = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif,
};

export function formatDiagnostics(format: DiagnosticFormat, diagnostics: readonly Diagnostic[], options: FormatOptions): string {
  return diagnosticFormatters[format](diagnostics, options);
}
