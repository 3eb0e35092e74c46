/**
 * The open workbook's date system (docs/RULES.md, "Workbook cells"): a date cell holds only a
 * serial, which is another date in a 1904 workbook than in a 1900 one. Each operation queues this
 * with the loads of its first sync, so knowing it costs no sync of its own.
 *
 * Asked through Excel's own DATE function (`workbook.functions.date`, ExcelApi 1.2, on every host
 * the add-in runs on): the serial of 1904-01-02 is 1 in a 1904 workbook and 1,463 in a 1900 one.
 * `Workbook.use1904DateSystem` would say it directly, but it is newer than the ExcelApi 1.14 the
 * manifest asks for (not every host has it) and not in the typings the add-in is built against.
 */
import type { DateSystem } from '../../core/calendar/calendar-date.js';

/** The serial Excel's `DATE(1904, 1, 2)` gives in each system. */
const PROBE: Readonly<Record<number, DateSystem>> = { 1: '1904', 1463: '1900' };

/** The workbook's date system could not be learnt: nothing is read or written rather than a date taken in the wrong system. */
export class DateSystemError extends Error {
  constructor(readonly answer: string) {
    super(`the workbook's date system cannot be told (DATE(1904,1,2) gave ${answer})`);
    this.name = 'DateSystemError';
  }
}

/** A date system queued to load; `read()` after the caller's next sync. */
export interface QueuedDateSystem {
  read(): DateSystem;
}

/** Queues the question; `read()` gives the answer after the caller's next sync, and throws DateSystemError for an answer it cannot read. */
export function queueDateSystem(context: Excel.RequestContext): QueuedDateSystem {
  const probe = context.workbook.functions.date(1904, 1, 2);
  probe.load('value,error');
  return {
    read() {
      const system = probe.error ? undefined : PROBE[probe.value];
      if (system === undefined) throw new DateSystemError(probe.error || String(probe.value));
      return system;
    },
  };
}
