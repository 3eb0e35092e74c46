/** Loads the in-memory office.js stand-in into this Node process and gives typed access to it. */
import './fake-office/fake-office.js';

export interface FakeModel {
  formulas: { sheet: string; row: number; column: number; formula: string }[];
  syncs: number;
  maxCellsPerSync: number;
  /** Cells whose values were loaded, since the last reset: what a sync would carry back from Excel. */
  cellsLoaded: number;
  settings: Map<string, unknown>;
}

export interface FakeOfficeApi {
  readonly model: FakeModel;
  reset(language?: string): void;
  /** The workbook's date system: true for Excel's "Use 1904 date system". */
  setDate1904(on: boolean): void;
  /** What Excel's DATE function answers from now on, whatever its arguments (null: the right serial again). */
  setDateAnswer(answer: { value: number } | { error: string } | null): void;
  tableValues(name: string): { headers: string[]; rows: unknown[][] } | null;
  tableFormats(name: string): string[][];
  validations(sheet: string): { rule: { list: { source: string } }; errorAlert: { style: string; showAlert: boolean } }[];
  appendRows(table: string, rows: unknown[][]): void;
  setCell(table: string, bodyRow: number, column: string, value: unknown): void;
  sortTable(table: string, column: string, descending?: boolean): void;
  moveTable(table: string, row: number): void;
  readonly selection: { sheet: string; row: number; column: number; rowCount: number; columnCount: number } | null;
}

export const fake = (globalThis as unknown as { FakeOffice: FakeOfficeApi }).FakeOffice;

export function run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run(batch);
}
