/**
 * Every report the tool writes, registered by name in one place, used by
 * `score`, `report`, `batch` (and the web page):
 *
 * - station reporters (`reporters`): a function of one engine result and the
 *   rubric, returning the file's bytes (or text). Several can run per call;
 *   a saved result can be re-rendered without scoring (`station-eval report`);
 * - province reporters (`provinceReporters`): a function of the batch's
 *   station rows, problems and roster, writing one file (汇总.xlsx, 总览.pdf).
 *
 * exceljs and pdfkit are imported only when their reporter runs. Nothing
 * under src/report imports src/batch or src/cli (test/report/layers.test.ts).
 */
import type { StationComparison } from '../compare/types.js';
import { safeFileName } from '../util/safe-file-name.js';
import type { LoadedRubric } from '../rubric/model.js';
import type { StationResult } from '../score/types.js';
import type { OverviewInput } from './overview-pdf.js';
import type { PdfMode } from './pdf/backend.js';
import type { SummaryInput } from './summary-xlsx.js';

export interface ReportContext {
  rubric: LoadedRubric;
  /** Document date of xlsx/pdf (default the Unix epoch, so output is deterministic). */
  date?: Date;
  /** Comparison with last year (batch --previous): the PDF's 与上年比较 section. */
  comparison?: StationComparison;
  /** The PDF backend (report/pdf/backend.ts); default STATION_EVAL_PDF, else fast. */
  backend?: PdfMode;
}

export type Reporter = (result: StationResult, ctx: ReportContext) => Promise<Uint8Array | string>;

export type ReportFormat = 'json' | 'xlsx' | 'pdf';

export interface ReporterEntry {
  name: ReportFormat;
  /** File extension with the dot. */
  extension: string;
  /** Suffix of the default file name: 城关镇社工站-评估报告.pdf. */
  suffix: string;
  render: Reporter;
}

export const reporters: Record<ReportFormat, ReporterEntry> = {
  json: {
    name: 'json',
    extension: '.json',
    suffix: '评估结果',
    render: (result) => Promise.resolve(`${JSON.stringify(result, null, 2)}\n`),
  },
  xlsx: {
    name: 'xlsx',
    extension: '.xlsx',
    suffix: '评估报告',
    render: async (result, ctx) => {
      const { renderStationXlsx } = await import('./station-xlsx.js');
      return renderStationXlsx(result, ctx.rubric, ctx.date ? { date: ctx.date } : {});
    },
  },
  pdf: {
    name: 'pdf',
    extension: '.pdf',
    suffix: '评估报告',
    render: async (result, ctx) => {
      const { renderStationPdf } = await import('./station-pdf.js');
      return renderStationPdf(result, ctx.rubric, {
        ...(ctx.date ? { date: ctx.date } : {}),
        ...(ctx.comparison ? { comparison: ctx.comparison } : {}),
        ...(ctx.backend ? { backend: ctx.backend } : {}),
      });
    },
  },
};

export const REPORT_FORMATS = Object.keys(reporters) as ReportFormat[];

export function getReporter(name: string): ReporterEntry | undefined {
  return (reporters as Record<string, ReporterEntry | undefined>)[name];
}

/** Default output file name of a station's report: "示例县城关镇社工站-评估报告.xlsx". */
export function defaultReportFileName(result: StationResult, format: ReportFormat): string {
  const entry = reporters[format];
  const base = [result.station.county && !result.station.name.startsWith(result.station.county) ? result.station.county : '', result.station.name].join('');
  return `${safeFileName(base)}-${entry.suffix}${entry.extension}`;
}

// ── Province reporters (batch) ──

/** What a province reporter gets: the batch's rows, problems, roster and comparison. */
export type ProvinceInput = SummaryInput & OverviewInput;

export type ProvinceFormat = 'summary' | 'overview';

export interface ProvinceReporterEntry {
  name: ProvinceFormat;
  /** File name in the batch's output folder. */
  file: string;
  /** Write the report to `target` (atomically: under a temporary name, then renamed). */
  write: (target: string, input: ProvinceInput) => Promise<void>;
}

export const SUMMARY_FILE = '汇总.xlsx';
export const OVERVIEW_FILE = '总览.pdf';

export const provinceReporters: Record<ProvinceFormat, ProvinceReporterEntry> = {
  summary: {
    name: 'summary',
    file: SUMMARY_FILE,
    write: async (target, input) => {
      const { writeSummaryXlsx } = await import('./summary-xlsx.js');
      await writeSummaryXlsx(target, input);
    },
  },
  overview: {
    name: 'overview',
    file: OVERVIEW_FILE,
    write: async (target, input) => {
      const { writeOverviewPdf } = await import('./overview-pdf.js');
      await writeOverviewPdf(target, input);
    },
  },
};
