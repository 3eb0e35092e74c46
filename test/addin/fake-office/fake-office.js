/* An in-memory stand-in for office.js (Office, Excel, CustomFunctions) that imitates batching:
 * proxies queue their reads and writes, and nothing is applied or readable until
 * `context.sync()`. It also imitates what Excel does to written values that matters here: text
 * starting with = + - @ becomes a formula (recorded in `model.formulas`), text that looks like a
 * number becomes a number, and a leading apostrophe makes the rest plain text.
 *
 * A classic script (no import/export) so the end-to-end test can serve it in place of the CDN's
 * office.js, and Node tests can load it for its side effect: `globalThis.FakeOffice`.
 */
/* global window, setTimeout, URLSearchParams */
/* eslint-disable @typescript-eslint/no-this-alias -- proxies hand their own identity to nested accessor objects */
(function install(global) {
  'use strict';

  /** The rows of a worksheet, as Excel has them. */
  const SHEET_ROWS = 1_048_576;
  /** The columns of a worksheet (A to XFD). */
  const SHEET_COLUMNS = 16_384;

  class OfficeError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
      this.name = 'RichApi.Error';
    }
  }

  /** The model whose cells are being changed (set while a sync or a simulated user edit runs). */
  let currentModel = null;

  /**
   * Excel's table onChanged: after a batch of changes, every handler of every table whose area
   * holds a changed cell is called (asynchronously, as Excel raises events after the fact).
   */
  function raiseTableEvents(model) {
    const touched = model.touched;
    model.touched = [];
    const changed = new Set();
    // Each write is recorded as the rectangle it covers; a table changed when one overlaps its body.
    const overlaps = (x, t) =>
      x.sheet === t.sheet && x.r + x.h - 1 > t.row && x.r <= t.row + t.bodyRows && x.c + x.w - 1 >= t.col && x.c < t.col + t.headers.length;
    for (const t of model.tables.values()) {
      if (touched.some((x) => overlaps(x, t))) changed.add(t.name);
    }
    for (const name of changed) {
      const handlers = model.handlers.get(name);
      if (!handlers) continue;
      for (const handler of handlers) {
        setTimeout(() => handler({ tableId: name, type: 'TableChanged', changeType: 'RangeEdited', source: 'Local' }), 0);
      }
    }
  }

  function changing(model, edit) {
    currentModel = model;
    try {
      edit();
    } finally {
      currentModel = null;
    }
    raiseTableEvents(model);
  }

  function createModel() {
    return { sheets: new Map(), tables: new Map(), settings: new Map(), date1904: false, dateAnswer: null, formulas: [], syncs: 0, maxCellsPerSync: 0, cellsLoaded: 0, handlers: new Map(), sortHandlers: new Map(), touched: [], selection: null, activeSheet: null };
  }

  function sheetOf(model, name) {
    const sheet = model.sheets.get(name);
    if (!sheet) throw new OfficeError('ItemNotFound', `worksheet ${name} not found`);
    return sheet;
  }

  /*
   * A sheet keeps its cells as two grids, arrays of rows (each an array by column): `values` and
   * `formats`. A cell exists once anything was written to it, and an existing cell always has a
   * format ('General' until one is set), so `formats` also says which cells exist. Arrays rather
   * than a map keyed by "row,column": the benchmark writes 100,000-row tables through this double,
   * and what it times must be the add-in's work, not the fake's.
   */
  function newSheet(name) {
    return { name, values: [], formats: [], validations: [] };
  }

  function gridRow(grid, r) {
    return grid[r] || (grid[r] = []);
  }

  function cellExists(sheet, r, c) {
    const row = sheet.formats[r];
    return row !== undefined && row[c] !== undefined;
  }

  function valueAt(sheet, r, c) {
    const row = sheet.values[r];
    const v = row === undefined ? undefined : row[c];
    return v === undefined ? '' : v;
  }

  function formatAt(sheet, r, c) {
    const row = sheet.formats[r];
    const f = row === undefined ? undefined : row[c];
    return f === undefined ? 'General' : f;
  }

  /** A cell as { value, format }, or undefined when nothing was ever written to it. */
  function getCell(sheet, r, c) {
    return cellExists(sheet, r, c) ? { value: valueAt(sheet, r, c), format: formatAt(sheet, r, c) } : undefined;
  }

  function putValue(sheet, r, c, value) {
    gridRow(sheet.values, r)[c] = value;
    const formats = gridRow(sheet.formats, r);
    if (formats[c] === undefined) formats[c] = 'General';
  }

  function putFormat(sheet, r, c, format) {
    gridRow(sheet.formats, r)[c] = format;
  }

  /** Records that values in a rectangle changed (for the tables' onChanged events). */
  function touch(sheet, r, c, h, w) {
    if (currentModel && h > 0 && w > 0) currentModel.touched.push({ sheet: sheet.name, r, c, h, w });
  }

  function setCell(sheet, r, c, patch) {
    if ('value' in patch) {
      touch(sheet, r, c, 1, 1);
      putValue(sheet, r, c, patch.value);
    }
    if ('format' in patch) putFormat(sheet, r, c, patch.format);
    else if (!cellExists(sheet, r, c)) putFormat(sheet, r, c, 'General');
  }

  /** What Excel stores when a value is written to a cell. */
  function coerce(model, sheet, r, c, value, format) {
    if (typeof value !== 'string') return value;
    if (value.startsWith("'")) return value.slice(1);
    if (format === '@') return value;
    const first = value.charCodeAt(0);
    // = + - @
    if ((first === 61 || first === 43 || first === 45 || first === 64) && value.length > 1) {
      model.formulas.push({ sheet: sheet.name, row: r, column: c, formula: value });
      return value.startsWith('=') ? '#FORMULA' : value;
    }
    if (/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
    return value;
  }

  /**
   * As Excel makes room for rows added to a table: the cells below it, in its columns, move down,
   * and a table there with them; a table below that reaches outside those columns cannot be cut,
   * and Excel refuses the insertion. So it does when a cell in use below (a value, or a format
   * only) would be pushed off the sheet's last row: "Microsoft Excel can't insert new cells because
   * it would push non-empty cells off the end of the worksheet".
   */
  function shiftDown(model, table, g, start, n) {
    const below = [...model.tables.values()].filter((o) => o !== table && o.sheet === table.sheet && o.row >= start && o.col < g.c + g.w && o.col + o.headers.length > g.c);
    if (below.some((o) => o.col < g.c || o.col + o.headers.length > g.c + g.w)) throw new OfficeError('InvalidOperation', `adding rows to ${table.name} would shift part of a table below it`);
    const lastUsed = lastUsedRow(g.sheet, start, g.c, g.w);
    if (lastUsed >= 0 && lastUsed + n >= SHEET_ROWS) throw new OfficeError('InvalidOperation', `adding rows to ${table.name} would push non-empty cells off the end of the worksheet`);
    for (let r = Math.max(g.sheet.values.length, g.sheet.formats.length) - 1; r >= start; r--) {
      for (const grid of [g.sheet.values, g.sheet.formats]) {
        const row = grid[r];
        if (!row) continue;
        for (let c = g.c; c < g.c + g.w; c++) {
          if (row[c] === undefined) continue;
          gridRow(grid, r + n)[c] = row[c];
          row[c] = undefined;
        }
      }
    }
    for (const o of below) o.row += n;
  }

  function tableGeometry(model, table) {
    return { sheet: sheetOf(model, table.sheet), r: table.row, c: table.col, w: table.headers.length };
  }

  function propertyNotLoaded(name) {
    return new OfficeError('PropertyNotLoaded', `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
  }

  /**
   * Whether a cell is in use, as Excel's used range counts it: it holds a value, or (unless
   * `valuesOnly`) a format of its own. A cell written empty with the General format is not.
   */
  function inUse(sheet, r, c, valuesOnly) {
    if (valuesOnly) {
      const row = sheet.values[r];
      const v = row === undefined ? undefined : row[c];
      return v !== undefined && v !== '';
    }
    return valueAt(sheet, r, c) !== '' || formatAt(sheet, r, c) !== 'General';
  }

  /** The last 0-based row at or below `from` that holds a cell in use in columns `c` to `c + w - 1` (formats count), or -1. */
  function lastUsedRow(sheet, from, c, w) {
    for (let r = Math.max(sheet.values.length, sheet.formats.length) - 1; r >= from; r--) {
      for (let j = c; j < c + w; j++) if (inUse(sheet, r, j, false)) return r;
    }
    return -1;
  }

  /**
   * The smallest range holding every cell in use (`inUse`) within the area `area(model)` gives, or
   * a null object when it holds none: `isNullObject` and the loaded properties are read after sync.
   */
  function usedRangeIn(ctx, area, valuesOnly) {
    const range = new Range(ctx, (model) => {
      const a = area(model);
      const sheet = a.sheet;
      let top = Infinity, left = Infinity, bottom = -1, right = -1;
      const rowsOf = valuesOnly ? [sheet.values] : [sheet.values, sheet.formats];
      for (const g of rowsOf) {
        g.forEach((row, r) => {
          if (row === undefined || r < a.r || r >= a.r + a.h) return;
          row.forEach((_, c) => {
            if (c < a.c || c >= a.c + a.w || !inUse(sheet, r, c, valuesOnly)) return;
            top = Math.min(top, r); bottom = Math.max(bottom, r);
            left = Math.min(left, c); right = Math.max(right, c);
          });
        });
      }
      return bottom < 0 ? null : { sheet, r: top, c: left, h: bottom - top + 1, w: right - left + 1 };
    });
    const used = range._resolve;
    // A null object's properties read as an empty range: Excel gives nothing for them.
    range._resolve = (model) => used(model) ?? { sheet: area(model).sheet, r: 0, c: 0, h: 0, w: 0 };
    const load = range.load.bind(range);
    range.load = (props) => {
      range._ctx._queue.push({ kind: 'load', run: (model) => range._pending('isNullObject', used(model) === null) });
      return load(props);
    };
    Object.defineProperty(range, 'isNullObject', { get: () => range._get('isNullObject') });
    return range;
  }

  /** A proxy: `resolve(model)` finds its target at sync time; loaded values appear after sync. */
  class ClientObject {
    constructor(ctx, resolve) {
      this._ctx = ctx;
      this._resolve = resolve;
      this._loaded = new Map();
    }
    load(props) {
      const list = props === undefined ? this._defaultProps() : typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : Object.keys(props);
      const names = list.map((p) => p.trim()).filter(Boolean);
      this._ctx._queue.push({ kind: 'load', run: (model) => {
        const target = this._resolve(model);
        for (const name of names) this._pending(name, this._read(model, target, name));
      } });
      return this;
    }
    _pending(name, value) {
      this._ctx._afterSync.push(() => this._loaded.set(name, value));
    }
    _get(name) {
      if (!this._loaded.has(name)) throw propertyNotLoaded(name);
      return this._loaded.get(name);
    }
    _write(run) {
      this._ctx._queue.push({ kind: 'write', run });
    }
    _defaultProps() {
      return [];
    }
  }

  class Range extends ClientObject {
    // resolve(model) -> { sheet, r, c, h, w }
    _read(model, g, name) {
      switch (name) {
        case 'values':
          model.cellsLoaded += g.h * g.w;
          return readGrid(g, valueAt);
        case 'numberFormat':
          return readGrid(g, formatAt);
        case 'rowIndex': return g.r;
        case 'columnIndex': return g.c;
        case 'rowCount': return g.h;
        case 'columnCount': return g.w;
        case 'address': return `${g.sheet.name}!R${g.r + 1}C${g.c + 1}:R${g.r + g.h}C${g.c + g.w}`;
        default: throw new OfficeError('InvalidArgument', `fake Range cannot load ${name}`);
      }
    }
    _defaultProps() {
      return ['values', 'numberFormat', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'address'];
    }
    get values() { return this._get('values'); }
    set values(v) {
      this._write((model) => {
        const g = this._resolve(model);
        const matrix = Array.isArray(v) ? v : [[v]];
        if (matrix.length !== g.h || matrix.some((row) => row.length !== g.w)) {
          throw new OfficeError('InvalidArgument', `values are ${matrix.length}x${matrix[0] && matrix[0].length}, range is ${g.h}x${g.w}`);
        }
        model.cellsThisSync += g.h * g.w;
        touch(g.sheet, g.r, g.c, g.h, g.w);
        for (let i = 0; i < g.h; i++) {
          const row = matrix[i];
          for (let j = 0; j < g.w; j++) putValue(g.sheet, g.r + i, g.c + j, coerce(model, g.sheet, g.r + i, g.c + j, row[j], formatAt(g.sheet, g.r + i, g.c + j)));
        }
        // A value written over a table's header cell renames that column, as in Excel, which also
        // makes the name unique: an empty one becomes ColumnN, one that repeats another (whatever
        // its case) gets a number after it, and the cell shows the name the column got.
        for (const t of model.tables.values()) {
          if (t.sheet !== g.sheet.name || t.row < g.r || t.row >= g.r + g.h) continue;
          t.headers.forEach((_, j) => {
            const c = t.col + j;
            if (c < g.c || c >= g.c + g.w) return;
            const written = String(valueAt(g.sheet, t.row, c));
            const base = written === '' ? `Column${j + 1}` : written;
            const taken = (name) => t.headers.some((h, k) => k !== j && String(h).toLowerCase() === name.toLowerCase());
            let name = base;
            for (let n = 2; taken(name); n++) name = `${base}${n}`;
            t.headers[j] = name;
            putValue(g.sheet, t.row, c, name);
          });
        }
      });
    }
    get numberFormat() { return this._get('numberFormat'); }
    set numberFormat(v) {
      this._write((model) => {
        const g = this._resolve(model);
        if (v.length !== g.h || v.some((row) => row.length !== g.w)) throw new OfficeError('InvalidArgument', 'numberFormat dimensions do not match the range');
        for (let i = 0; i < g.h; i++) {
          const row = v[i];
          const formats = gridRow(g.sheet.formats, g.r + i);
          for (let j = 0; j < g.w; j++) formats[g.c + j] = row[j];
        }
      });
    }
    get rowIndex() { return this._get('rowIndex'); }
    get columnIndex() { return this._get('columnIndex'); }
    get rowCount() { return this._get('rowCount'); }
    get columnCount() { return this._get('columnCount'); }
    get address() { return this._get('address'); }
    get dataValidation() {
      const range = this;
      return {
        set rule(rule) {
          range._write((model) => {
            const g = range._resolve(model);
            validationAt(g).rule = rule;
          });
        },
        set errorAlert(errorAlert) {
          range._write((model) => {
            const g = range._resolve(model);
            validationAt(g).errorAlert = errorAlert;
          });
        },
      };
      /** The validation of exactly this range; Excel's default alert is Stop. */
      function validationAt(g) {
        let v = g.sheet.validations.find((x) => x.r === g.r && x.c === g.c && x.h === g.h && x.w === g.w);
        if (!v) g.sheet.validations.push((v = { r: g.r, c: g.c, h: g.h, w: g.w, rule: undefined, errorAlert: { style: 'Stop', showAlert: true } }));
        return v;
      }
    }
    getCell(r, c) {
      return new Range(this._ctx, (model) => {
        const g = this._resolve(model);
        return { sheet: g.sheet, r: g.r + r, c: g.c + c, h: 1, w: 1 };
      });
    }
    select() {
      this._write((model) => {
        const g = this._resolve(model);
        if (model.activeSheet !== g.sheet.name) throw new OfficeError('InvalidOperation', `select: worksheet ${g.sheet.name} is not active`);
        model.selection = { sheet: g.sheet.name, row: g.r, column: g.c, rowCount: g.h, columnCount: g.w };
      });
    }
    getRow(i) {
      return new Range(this._ctx, (model) => {
        const g = this._resolve(model);
        return { sheet: g.sheet, r: g.r + i, c: g.c, h: 1, w: g.w };
      });
    }
    getColumn(j) {
      return new Range(this._ctx, (model) => {
        const g = this._resolve(model);
        if (j < 0 || j >= g.w) throw new OfficeError('InvalidArgument', `column ${j} is outside the range`);
        return { sheet: g.sheet, r: g.r, c: g.c + j, h: g.h, w: 1 };
      });
    }
    /** The whole sheet's columns this range spans. */
    getEntireColumn() {
      return new Range(this._ctx, (model) => {
        const g = this._resolve(model);
        return { sheet: g.sheet, r: 0, c: g.c, h: SHEET_ROWS, w: g.w };
      });
    }
    /** The used range within this range (`usedRangeIn`), or a null object when none of its cells is in use. */
    getUsedRangeOrNullObject(valuesOnly) {
      return usedRangeIn(this._ctx, (model) => this._resolve(model), valuesOnly);
    }
    getAbsoluteResizedRange(h, w) {
      return new Range(this._ctx, (model) => {
        const g = this._resolve(model);
        return { sheet: g.sheet, r: g.r, c: g.c, h, w };
      });
    }
    clear() {
      this._write((model) => {
        const g = this._resolve(model);
        touch(g.sheet, g.r, g.c, g.h, g.w);
        for (let i = 0; i < g.h; i++) for (let j = 0; j < g.w; j++) putValue(g.sheet, g.r + i, g.c + j, '');
      });
    }
    delete(shift) {
      if (shift !== 'Up') throw new OfficeError('InvalidArgument', 'fake delete supports Up only');
      this._write((model) => {
        const g = this._resolve(model);
        // The cells below the deleted block, in its columns, move up by its height.
        for (const grid of [g.sheet.values, g.sheet.formats]) {
          for (let r = g.r; r < grid.length; r++) {
            const from = grid[r + g.h];
            if (from === undefined && grid[r] === undefined) continue;
            const to = gridRow(grid, r);
            for (let c = g.c; c < g.c + g.w; c++) to[c] = from === undefined ? undefined : from[c];
          }
        }
        for (const t of model.tables.values()) {
          if (t.sheet === g.sheet.name && g.r > t.row && g.r <= t.row + t.bodyRows) t.bodyRows = Math.max(1, t.bodyRows - g.h);
        }
      });
    }
  }

  class Table extends ClientObject {
    // resolve(model) -> table record
    _read(model, t, name) {
      if (name === 'name') return t.name;
      // The fake's tables never show a totals row.
      if (name === 'showTotals') return false;
      throw new OfficeError('InvalidArgument', `fake Table cannot load ${name}`);
    }
    get showTotals() { return this._get('showTotals'); }
    get name() { return this._get('name'); }
    set name(v) {
      this._write((model) => {
        const t = this._resolve(model);
        model.tables.delete(t.name);
        t.name = v;
        model.tables.set(v, t);
        this._rename = v;
      });
    }
    get worksheet() {
      return new Worksheet(this._ctx, (model) => sheetOf(model, this._resolve(model).sheet));
    }
    get onChanged() {
      const table = this;
      return {
        add(handler) {
          table._write((model) => {
            const t = table._resolve(model);
            if (!model.handlers.has(t.name)) model.handlers.set(t.name, new Set());
            model.handlers.get(t.name).add(handler);
          });
          return { remove: () => table._write((model) => model.handlers.get(table._resolve(model).name).delete(handler)) };
        },
      };
    }
    getHeaderRowRange() {
      return new Range(this._ctx, (model) => {
        const t = this._resolve(model);
        const g = tableGeometry(model, t);
        return { sheet: g.sheet, r: g.r, c: g.c, h: 1, w: g.w };
      });
    }
    getDataBodyRange() {
      return new Range(this._ctx, (model) => {
        const t = this._resolve(model);
        const g = tableGeometry(model, t);
        return { sheet: g.sheet, r: g.r + 1, c: g.c, h: t.bodyRows, w: g.w };
      });
    }
    /** The whole table: header and body. */
    getRange() {
      return new Range(this._ctx, (model) => {
        const t = this._resolve(model);
        const g = tableGeometry(model, t);
        return { sheet: g.sheet, r: g.r, c: g.c, h: t.bodyRows + 1, w: g.w };
      });
    }
    get rows() {
      const table = this;
      return {
        add(index, values) {
          table._write((model) => {
            const t = table._resolve(model);
            const g = tableGeometry(model, t);
            const matrix = values || [rows(g.w).map(() => '')];
            if (matrix.some((row) => row.length !== g.w)) throw new OfficeError('InvalidArgument', `row width does not match table ${t.name}`);
            const start = g.r + 1 + t.bodyRows;
            const last = g.r + t.bodyRows;
            // A worksheet has 1,048,576 rows (0-based: 0 to 1,048,575); Excel refuses rows below the last.
            if (start + matrix.length > SHEET_ROWS) throw new OfficeError('InvalidArgument', `table ${t.name} cannot grow below the sheet's last row`);
            shiftDown(model, t, g, start, matrix.length);
            model.cellsThisSync += matrix.length * g.w;
            // Excel carries the table column's format to the new rows.
            const columnFormats = rows(g.w).map((j) => formatAt(g.sheet, last, g.c + j));
            touch(g.sheet, start, g.c, matrix.length, g.w);
            for (let i = 0; i < matrix.length; i++) {
              const row = matrix[i];
              const values = gridRow(g.sheet.values, start + i);
              const formats = gridRow(g.sheet.formats, start + i);
              for (let j = 0; j < g.w; j++) {
                formats[g.c + j] = columnFormats[j];
                values[g.c + j] = coerce(model, g.sheet, start + i, g.c + j, row[j], columnFormats[j]);
              }
            }
            t.bodyRows += matrix.length;
          });
        },
      };
    }
    get columns() {
      const table = this;
      const column = (pick) => ({
        getDataBodyRange() {
          return new Range(table._ctx, (model) => {
            const t = table._resolve(model);
            const g = tableGeometry(model, t);
            const i = pick(t);
            if (i < 0) throw new OfficeError('ItemNotFound', 'column not found');
            return { sheet: g.sheet, r: g.r + 1, c: g.c + i, h: t.bodyRows, w: 1 };
          });
        },
        /** Deletes the column, header and body: the table's columns right of it move left, as in Excel. */
        delete() {
          table._write((model) => {
            const t = table._resolve(model);
            const g = tableGeometry(model, t);
            const i = pick(t);
            if (i < 0) throw new OfficeError('ItemNotFound', 'column not found');
            if (t.headers.length === 1) throw new OfficeError('InvalidOperation', 'a table keeps at least one column');
            for (let r = g.r; r <= g.r + t.bodyRows; r++) {
              for (const grid of [g.sheet.values, g.sheet.formats]) {
                const row = gridRow(grid, r);
                for (let c = g.c + i; c < g.c + g.w - 1; c++) row[c] = row[c + 1];
                row[g.c + g.w - 1] = undefined;
              }
            }
            touch(g.sheet, g.r, g.c + i, t.bodyRows + 1, g.w - i);
            t.headers.splice(i, 1);
          });
        },
      });
      return {
        getItemAt: (i) => column(() => i),
        getItem: (name) => column((t) => t.headers.indexOf(name)),
        getItemOrNullObject: (name) => new TableColumn(table._ctx, table, name),
        add(index, values, name) {
          table._write((model) => {
            const t = table._resolve(model);
            const g = tableGeometry(model, t);
            setCell(g.sheet, g.r, g.c + t.headers.length, { value: name });
            t.headers.push(name);
          });
        },
      };
    }
  }

  /**
   * A table column found by name as Excel finds one (without case), or a null object; its `values`
   * are its whole column: header, body (and totals, which the fake never shows).
   */
  class TableColumn extends ClientObject {
    constructor(ctx, table, name) {
      super(ctx, (model) => {
        const t = table._resolve(model);
        const i = t.headers.findIndex((h) => String(h).toLowerCase() === String(name).toLowerCase());
        return i < 0 ? null : { t, i };
      });
    }
    load(props) {
      super.load(props);
      this._ctx._queue.push({ kind: 'load', run: (model) => this._pending('isNullObject', this._resolve(model) === null) });
      return this;
    }
    _read(model, target, name) {
      if (target === null) return null;
      switch (name) {
        case 'index': return target.i;
        case 'name': return target.t.headers[target.i];
        case 'values': {
          const g = tableGeometry(model, target.t);
          const range = { sheet: g.sheet, r: g.r, c: g.c + target.i, h: target.t.bodyRows + 1, w: 1 };
          model.cellsLoaded += range.h;
          return readGrid(range, valueAt);
        }
        default: throw new OfficeError('InvalidArgument', `fake TableColumn cannot load ${name}`);
      }
    }
    get isNullObject() { return this._get('isNullObject'); }
    get index() { return this._get('index'); }
    get name() { return this._get('name'); }
    get values() { return this._get('values'); }
  }

  class Worksheet extends ClientObject {
    _read(model, s, name) {
      if (name === 'name') return s.name;
      throw new OfficeError('InvalidArgument', `fake Worksheet cannot load ${name}`);
    }
    get name() { return this._get('name'); }
    getRangeByIndexes(r, c, h, w) {
      return new Range(this._ctx, (model) => ({ sheet: this._resolve(model), r, c, h, w }));
    }
    activate() {
      this._write((model) => {
        model.activeSheet = this._resolve(model).name;
      });
    }
    get freezePanes() {
      return { freezeRows: () => undefined };
    }
    /** The sheet's used range (`usedRangeIn`), or a null object for an empty sheet. */
    getUsedRangeOrNullObject(valuesOnly) {
      return usedRangeIn(this._ctx, (model) => ({ sheet: this._resolve(model), r: 0, c: 0, h: SHEET_ROWS, w: SHEET_COLUMNS }), valuesOnly);
    }
    get onRowSorted() {
      const sheet = this;
      return {
        add(handler) {
          sheet._write((model) => {
            const name = sheet._resolve(model).name;
            if (!model.sortHandlers.has(name)) model.sortHandlers.set(name, new Set());
            model.sortHandlers.get(name).add(handler);
          });
          return { remove: () => sheet._write((model) => model.sortHandlers.get(sheet._resolve(model).name).delete(handler)) };
        },
      };
    }
    get tables() {
      const sheet = this;
      return {
        add(range, hasHeaders) {
          const record = { current: null };
          const ctx = sheet._ctx;
          ctx._queue.push({ kind: 'write', run: (model) => {
            const g = range._resolve(model);
            if (!hasHeaders) throw new OfficeError('InvalidArgument', 'fake tables need headers');
            const headers = rows(g.w).map((j) => String(valueAt(g.sheet, g.r, g.c + j)));
            const name = `Table${model.tables.size + 1}`;
            const t = { name, sheet: g.sheet.name, row: g.r, col: g.c, headers, bodyRows: Math.max(1, g.h - 1) };
            model.tables.set(name, t);
            record.current = t;
          } });
          return new Table(ctx, () => {
            if (!record.current) throw new OfficeError('InvalidReference', 'table not created yet');
            return record.current;
          });
        },
      };
    }
  }

  class Collection extends ClientObject {
    constructor(ctx, list) {
      super(ctx, () => null);
      this._list = list;
    }
    load() {
      this._ctx._queue.push({ kind: 'load', run: (model) => {
        const items = this._list(model);
        this._pending('items', items);
      } });
      return this;
    }
    get items() { return this._get('items'); }
  }

  function rows(n) {
    return Array.from({ length: n }, (_, i) => i);
  }

  /** A range's cells as a matrix of what `at(sheet, r, c)` gives. */
  function readGrid(g, at) {
    const out = new Array(g.h);
    for (let i = 0; i < g.h; i++) {
      const row = new Array(g.w);
      for (let j = 0; j < g.w; j++) row[j] = at(g.sheet, g.r + i, g.c + j);
      out[i] = row;
    }
    return out;
  }

  class RequestContext {
    constructor(model) {
      this._model = model;
      this._queue = [];
      this._afterSync = [];
      const ctx = this;
      const tableItems = (model) => [...model.tables.values()].map((t) => {
        const item = new Table(ctx, () => t);
        item._loaded.set('name', t.name);
        return item;
      });
      const tableByName = (name) => (model) => {
        const t = model.tables.get(name);
        if (!t) throw new OfficeError('ItemNotFound', `table ${name} not found`);
        return t;
      };
      const sheetItems = (model) => [...model.sheets.values()].map((s) => {
        const item = new Worksheet(ctx, () => s);
        item._loaded.set('name', s.name);
        return item;
      });
      const tables = new Collection(ctx, tableItems);
      tables.getItem = (name) => new Table(ctx, tableByName(name));
      const worksheets = new Collection(ctx, sheetItems);
      worksheets.getItem = (name) => new Worksheet(ctx, (m) => sheetOf(m, name));
      worksheets.add = (name) => {
        ctx._queue.push({ kind: 'write', run: (m) => {
          if (m.sheets.has(name)) throw new OfficeError('ItemAlreadyExists', `worksheet ${name} exists`);
          m.sheets.set(name, newSheet(name));
        } });
        return new Worksheet(ctx, (m) => sheetOf(m, name));
      };
      const settings = {
        getItemOrNullObject(key) {
          const item = { _loaded: false };
          ctx._queue.push({ kind: 'load', run: (m) => {
            const has = m.settings.has(key);
            const value = m.settings.get(key);
            ctx._afterSync.push(() => {
              item._loaded = true;
              item._isNull = !has;
              item._value = value;
            });
          } });
          return {
            load() { return this; },
            get isNullObject() { if (!item._loaded) throw propertyNotLoaded('isNullObject'); return item._isNull; },
            get value() { if (!item._loaded) throw propertyNotLoaded('value'); return item._value; },
          };
        },
        add(key, value) {
          ctx._queue.push({ kind: 'write', run: (m) => m.settings.set(key, value) });
        },
      };
      /*
       * Excel's worksheet functions, as far as the add-in calls them: DATE gives the serial of a
       * date in the workbook's date system (`model.date1904`: serial 0 is 1904-01-01; else serial
       * 1 is 1900-01-01), read like any loaded property after the sync.
       */
      const functions = {
        date(year, month, day) {
          const result = { _loaded: false };
          ctx._queue.push({ kind: 'load', run: (m) => {
            // Excel's 1900 system counts a 1900-02-29 that never was: days before 1900-03-01 are one lower.
            const days = Date.UTC(year, month - 1, day) / 86_400_000 + 25_569;
            const serial = m.date1904 ? days - 1462 : days < 61 ? days - 1 : days;
            // A host that answers the function oddly (`setDateAnswer`): an error, or another number.
            const odd = m.dateAnswer;
            ctx._afterSync.push(() => {
              result._loaded = true;
              result._value = odd === null ? serial : odd.error ? null : odd.value;
              result._error = odd === null || !odd.error ? null : odd.error;
            });
          } });
          return {
            load() { return this; },
            get value() { if (!result._loaded) throw propertyNotLoaded('value'); return result._value; },
            get error() { if (!result._loaded) throw propertyNotLoaded('error'); return result._error; },
          };
        },
      };
      this.workbook = { tables, worksheets, settings, functions };
    }
    async sync() {
      await Promise.resolve();
      // A slow workbook, for tests of what the pane does while a sync is on its way.
      if (state.syncDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.syncDelayMs));
      const model = this._model;
      const queue = this._queue;
      this._queue = [];
      model.cellsThisSync = 0;
      model.syncs += 1;
      try {
        changing(model, () => {
          for (const op of queue) op.run(model);
        });
      } finally {
        model.maxCellsPerSync = Math.max(model.maxCellsPerSync, model.cellsThisSync);
      }
      const after = this._afterSync;
      this._afterSync = [];
      for (const f of after) f();
    }
  }

  function createExcel(model) {
    return {
      RequestContext,
      async run(batch) {
        const ctx = new RequestContext(model);
        const result = await batch(ctx);
        await ctx.sync();
        return result;
      },
    };
  }

  const query = global.location && global.location.search ? new URLSearchParams(global.location.search) : null;
  const state = { model: createModel(), language: (query && query.get('officeLanguage')) || 'en-US', functions: new Map(), actions: new Map(), syncDelayMs: 0 };

  const Office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline' },
    context: {
      get displayLanguage() { return state.language; },
      requirements: { isSetSupported: (name, version) => name === 'ExcelApi' ? Number(version || '1') <= 1.14 : true },
    },
    onReady(callback) {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      if (callback) setTimeout(() => callback(info), 0);
      return Promise.resolve(info);
    },
    actions: { associate: (name, f) => state.actions.set(name, f) },
    addin: { showAsTaskpane: () => Promise.resolve() },
  };

  class CustomFunctionsError {
    constructor(code, message) {
      this.code = code;
      this.message = message;
    }
  }

  const CustomFunctions = {
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' },
    Error: CustomFunctionsError,
    associate: (id, f) => state.functions.set(id, f),
  };

  const FakeOffice = {
    get model() { return state.model; },
    reset(language) {
      state.model = createModel();
      if (language) state.language = language;
      global.Excel = createExcel(state.model);
    },
    setLanguage(language) { state.language = language; },
    /** The workbook's date system: true for Excel's "Use 1904 date system" (serial 0 is 1904-01-01). Cells keep their numbers, as in Excel. */
    setDate1904(on) { state.model.date1904 = on; },
    /**
     * What Excel's DATE function answers from now on, whatever its arguments: `{ value }` a number,
     * `{ error }` an error such as '#VALUE!' (value null); null for the right serial again.
     */
    setDateAnswer(answer) { state.model.dateAnswer = answer; },
    /** Every later sync waits this long before it is applied (0: none). */
    setSyncDelay(ms) { state.syncDelayMs = ms; },
    functions: state.functions,
    actions: state.actions,
    /** A table's header and data rows as plain values, for assertions. */
    tableValues(name) {
      const t = state.model.tables.get(name);
      if (!t) return null;
      const sheet = state.model.sheets.get(t.sheet);
      const read = (r) => rows(t.headers.length).map((j) => valueAt(sheet, r, t.col + j));
      return { headers: t.headers.slice(), rows: rows(t.bodyRows).map((i) => read(t.row + 1 + i)) };
    },
    tableFormats(name) {
      const t = state.model.tables.get(name);
      const sheet = state.model.sheets.get(t.sheet);
      return readGrid({ sheet, r: t.row + 1, c: t.col, h: t.bodyRows, w: t.headers.length }, formatAt);
    },
    /** Puts rows into a table as a user typing or pasting would (Excel's coercion applies). */
    appendRows(name, values) {
      changing(state.model, () => appendUserRows(name, values));
    },
    /** A user moving a table on its sheet (cut and paste), its header to `row` (0-based). */
    moveTable(name, row) {
      changing(state.model, () => {
        const t = state.model.tables.get(name);
        const sheet = state.model.sheets.get(t.sheet);
        const cells = rows(t.bodyRows + 1).map((i) => rows(t.headers.length).map((j) => getCell(sheet, t.row + i, t.col + j)));
        cells.forEach((line, i) => line.forEach((_, j) => setCell(sheet, t.row + i, t.col + j, { value: '', format: 'General' })));
        t.row = row;
        cells.forEach((line, i) => line.forEach((cell, j) => setCell(sheet, row + i, t.col + j, cell ?? { value: '', format: 'General' })));
      });
    },
    /** A user typing into one cell of a table's body (0-based body row, column by header). */
    setCell(name, bodyRow, column, value) {
      changing(state.model, () => {
        const t = state.model.tables.get(name);
        const sheet = state.model.sheets.get(t.sheet);
        const c = t.col + t.headers.indexOf(column);
        const existing = getCell(sheet, t.row + 1 + bodyRow, c);
        setCell(sheet, t.row + 1 + bodyRow, c, { value: coerce(state.model, sheet, t.row + 1 + bodyRow, c, value, existing ? existing.format : 'General') });
      });
    },
    /** A user sorting a table by one column (Data > Sort): whole rows move, formats with them. */
    /**
     * A user sorting a table by one column (Data > Sort): whole rows move, formats with them. Excel
     * raises the worksheet's onRowSorted for a sort, not the table's onChanged, and so does this.
     */
    sortTable(name, column, descending) {
      const model = state.model;
      const t = model.tables.get(name);
      const sheet = model.sheets.get(t.sheet);
      const j = t.headers.indexOf(column);
      const body = rows(t.bodyRows).map((i) => rows(t.headers.length).map((k) => ({ ...(getCell(sheet, t.row + 1 + i, t.col + k) || { value: '', format: 'General' }) })));
      const key = (row) => row[j].value;
      body.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (descending ? -1 : 1));
      body.forEach((row, i) => row.forEach((cell, k) => setCell(sheet, t.row + 1 + i, t.col + k, { value: cell.value, format: cell.format })));
      for (const handler of model.sortHandlers.get(t.sheet) ?? []) {
        setTimeout(() => handler({ worksheetId: t.sheet, type: 'WorksheetRowSorted', source: 'Local', address: '' }), 0);
      }
    },
    get selection() { return state.model.selection; },
  };

  function appendUserRows(name, values) {
    {
      const t = state.model.tables.get(name);
      const sheet = state.model.sheets.get(t.sheet);
      let start = t.row + 1 + t.bodyRows;
      const firstBlank = t.bodyRows === 1 && rows(t.headers.length).every((j) => { const c = getCell(sheet, t.row + 1, t.col + j); return !c || c.value === ''; });
      if (firstBlank) start = t.row + 1;
      values.forEach((row, i) => row.forEach((value, j) => {
        const existing = getCell(sheet, start + i, t.col + j) || getCell(sheet, t.row + 1, t.col + j);
        const format = existing ? existing.format : 'General';
        setCell(sheet, start + i, t.col + j, { format, value: coerce(state.model, sheet, start + i, t.col + j, value, format) });
      }));
      t.bodyRows = (firstBlank ? 0 : t.bodyRows) + values.length;
    }
  }
  Object.assign(FakeOffice, {
    validations(sheetName) {
      const sheet = state.model.sheets.get(sheetName);
      return sheet ? sheet.validations.slice() : [];
    },
  });

  global.Office = Office;
  global.CustomFunctions = CustomFunctions;
  global.FakeOffice = FakeOffice;
  global.Excel = createExcel(state.model);
})(typeof window !== 'undefined' ? window : globalThis);
