import ExcelJS from 'exceljs';
import { columnLetter } from '../../batch/output/report-workbook.js';

/**
 * An .xlsx as stable text, for golden tests (STYLE: "cell dumps for XLSX"): per sheet its frozen
 * panes, autofilter and column widths, then one line per non-empty cell with its address, type,
 * value, number format, fill and bold. Dates are printed from their UTC fields, so the dump is
 * the same under every TZ; numbers with `String`, the shortest text that round-trips.
 */
export async function dumpXlsx(path: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const lines: string[] = [];
  for (const sheet of workbook.worksheets) {
    lines.push(`sheet ${JSON.stringify(sheet.name)}`);
    const frozen = (sheet.views ?? []).find((v) => v.state === 'frozen') as { xSplit?: number; ySplit?: number; topLeftCell?: string } | undefined;
    lines.push(`  frozen: ${frozen ? `xSplit=${frozen.xSplit ?? 0} ySplit=${frozen.ySplit ?? 0} topLeft=${frozen.topLeftCell ?? ''}` : 'none'}`);
    lines.push(`  autoFilter: ${sheet.autoFilter ? formatAutoFilter(sheet.autoFilter) : 'none'}`);
    const widths = (sheet.columns ?? []).map((c, i) => (c.width === undefined ? null : `${columnLetter(i)}=${c.width}`)).filter((w) => w !== null);
    lines.push(`  widths: ${widths.join(' ') || 'none'}`);
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        lines.push(`  ${cell.address} ${describe(cell)}`);
      });
    });
  }
  return `${lines.join('\n')}\n`;
}

function formatAutoFilter(filter: ExcelJS.AutoFilter): string {
  if (typeof filter === 'string') return filter;
  const from = filter.from as unknown;
  const to = filter.to as unknown;
  const addr = (a: unknown): string => (typeof a === 'string' ? a : `${columnLetter((a as { column: number }).column - 1)}${(a as { row: number }).row}`);
  return `${addr(from)}:${addr(to)}`;
}

function utcDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

function describeValue(cell: ExcelJS.Cell): string {
  const v = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Number:
      return `number ${String(v)}`;
    case ExcelJS.ValueType.String:
      return `string ${JSON.stringify(v)}`;
    case ExcelJS.ValueType.Date:
      return `date ${utcDate(v as Date)}`;
    case ExcelJS.ValueType.Boolean:
      return `boolean ${String(v)}`;
    case ExcelJS.ValueType.RichText:
      return `richText ${JSON.stringify((v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join(''))}`;
    case ExcelJS.ValueType.Formula:
      return `formula ${JSON.stringify((v as ExcelJS.CellFormulaValue).formula)} = ${JSON.stringify((v as ExcelJS.CellFormulaValue).result ?? null)}`;
    case ExcelJS.ValueType.Hyperlink:
      return `hyperlink ${JSON.stringify(v)}`;
    case ExcelJS.ValueType.Error:
      return `error ${JSON.stringify((v as ExcelJS.CellErrorValue).error)}`;
    default:
      return `type${cell.type} ${JSON.stringify(v)}`;
  }
}

function describe(cell: ExcelJS.Cell): string {
  const parts = [describeValue(cell)];
  if (cell.numFmt) parts.push(`numFmt=${JSON.stringify(cell.numFmt)}`);
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (fill?.type === 'pattern' && fill.pattern !== 'none') parts.push(`fill=${fill.pattern}:${fill.fgColor?.argb ?? fill.fgColor?.theme ?? '?'}`);
  if (cell.font?.bold) parts.push('bold');
  return parts.join(' ');
}
