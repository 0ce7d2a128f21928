/**
 * A tiny raw .xlsx writer for the hostile suite: sheet XML is given as cell
 * records (or as raw XML), zipped with fflate. Fast (no exceljs) and able to
 * write what exceljs never would: inline strings, error cells, 16,384 columns,
 * a million rows, entities, odd attributes.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

export type RawCell =
  | { t: 'n'; v: string; s?: number }
  | { t: 'str'; v: string }
  | { t: 'inline'; v: string }
  | { t: 'rich'; runs: string[] }
  | { t: 'b'; v: '0' | '1' }
  | { t: 'e'; v: string }
  | { t: 'f'; f: string; v?: string; ft?: 'str' | 'n' | 'b' | 'e' }
  | { t: 'date'; v: string }
  | { t: 'raw'; xml: string };

export interface RawSheet {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** rows[i] is row i+1; each cell at column j+1. null = no cell. */
  rows?: (RawCell | null)[][];
  /** Raw <sheetData> content instead of rows. */
  sheetData?: string;
  /** Raw full sheet XML. */
  xml?: string;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** XML 1.0 cannot carry most control characters: Excel writes them as _xHHHH_. */
export function escText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return esc(s).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`);
}

export function colLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellXml(c: RawCell, ref: string): string {
  switch (c.t) {
    case 'n':
      return `<c r="${ref}"${c.s !== undefined ? ` s="${c.s}"` : ''}><v>${esc(c.v)}</v></c>`;
    case 'str':
    case 'inline':
      return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escText(c.v)}</t></is></c>`;
    case 'rich':
      return `<c r="${ref}" t="inlineStr"><is>${c.runs.map((r) => `<r><t xml:space="preserve">${escText(r)}</t></r>`).join('')}</is></c>`;
    case 'b':
      return `<c r="${ref}" t="b"><v>${c.v}</v></c>`;
    case 'e':
      return `<c r="${ref}" t="e"><v>${esc(c.v)}</v></c>`;
    case 'f':
      return `<c r="${ref}"${c.ft && c.ft !== 'n' ? ` t="${c.ft}"` : ''}><f>${esc(c.f)}</f>${c.v !== undefined ? `<v>${esc(c.v)}</v>` : ''}</c>`;
    case 'date':
      return `<c r="${ref}" s="1"><v>${esc(c.v)}</v></c>`;
    case 'raw':
      return c.xml.replace('{ref}', ref);
  }
}

export function sheetDataXml(rows: (RawCell | null)[][], firstRow = 1): string {
  const out: string[] = [];
  rows.forEach((cells, i) => {
    const r = firstRow + i;
    const body = cells.map((c, j) => (c ? cellXml(c, `${colLetters(j + 1)}${r}`) : '')).join('');
    if (body) out.push(`<row r="${r}">${body}</row>`);
  });
  return out.join('');
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="0"/><fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`;

export function sheetXml(sheet: RawSheet): string {
  if (sheet.xml !== undefined) return sheet.xml;
  const data = sheet.sheetData ?? sheetDataXml(sheet.rows ?? []);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${data}</sheetData></worksheet>`;
}

/** Build the .xlsx bytes. `extra` adds or replaces zip entries (raw bytes). */
export function rawXlsx(sheets: RawSheet[], extra: Record<string, Uint8Array> = {}, level: 0 | 1 | 6 | 9 = 1): Uint8Array {
  const files: Zippable = {};
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
      .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
      .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state && s.state !== 'visible' ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  );
  files['xl/styles.xml'] = strToU8(STYLES);
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s))));
  for (const [name, bytes] of Object.entries(extra)) files[name] = bytes;
  return zipSync(files, { level, mtime: new Date('2024-01-01T00:00:00Z') });
}
