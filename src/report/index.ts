/**
 * The station reporters, by name: each a function of the engine's result and
 * the rubric, returning the file's bytes (or text). Several can run per call;
 * a saved result can be re-rendered without scoring (`station-eval report`).
 * exceljs and pdfkit are imported only when their reporter runs.
 */
import { safeFileName } from '../batch/safe-file-name.js';
import type { LoadedRubric } from '../rubric/model.js';
import type { StationResult } from '../score/types.js';

export interface ReportContext {
  rubric: LoadedRubric;
  /** Document date of xlsx/pdf (default the Unix epoch, so output is deterministic). */
  date?: Date;
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
    render: async (result) => `${JSON.stringify(result, null, 2)}\n`,
  },
  xlsx: {
    name: 'xlsx',
    extension: '.xlsx',
    suffix: '评估报告',
    render: async (result, ctx) => {
      const { renderStationXlsx } = await import('./station-xlsx.js');
      return renderStationXlsx(result, ctx.rubric, { date: ctx.date });
    },
  },
  pdf: {
    name: 'pdf',
    extension: '.pdf',
    suffix: '评估报告',
    render: async (result, ctx) => {
      const { renderStationPdf } = await import('./station-pdf.js');
      return renderStationPdf(result, ctx.rubric, { date: ctx.date });
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
