import { el, replaceChildren } from '../dom.js';
import type { App } from '../app.js';
import { parseInWorker } from '../../import/parse-in-worker.js';
import { readPickedFiles, type ReadResult } from '../../import/read-export-file.js';
import type { ParsedExport } from '../../import/parse-export.js';
import { importExports } from '../workbook-ops.js';
import { watchTables } from '../../excel/table-changes.js';
import { TABLES } from '../../../core/workbook-layout.js';
import { fileRefusalKey, hasMessage, issueMessageKey, type MessageKey } from '../../i18n/messages.js';
import type { Skip } from '../../import/plan-import.js';
import { EXPORT_EXTENSIONS } from '../../../core/tables/export-files.js';
import { isFileRefusal } from '../../../core/tables/file-kind.js';
import { ZIP_LIMITS, zipRefusedWhole } from '../../../core/tables/zip-entries.js';

/** The picker offers what is read as an export (core's rule) and zips of them. */
const ACCEPT = [...EXPORT_EXTENSIONS, '.zip'].join(',');

/** How a skipped row is told: an identical repeat of the workbook's row or of an earlier file's, or an older download's version. */
function skipMessage(skip: Skip): MessageKey {
  if (skip.code !== 'duplicate_earning') return 'import.skippedOlder';
  return skip.heldIn === 'workbook' ? 'import.skippedPresent' : 'import.skippedDuplicate';
}

/** The last import's report and progress, kept across the re-render that follows the reload. */
let lastReport: HTMLElement[] = [];
let lastProgress: { written: number; total: number } | null = null;

export function renderImport(app: App, root: HTMLElement): void {
  const { locale } = app;
  const input = el('input', { id: 'import-files', type: 'file', multiple: true, accept: ACCEPT, 'data-testid': 'import-files', disabled: !app.ready });
  const progress = el('progress', { max: '1', value: '0', 'data-testid': 'import-progress', 'aria-label': locale.t('import.button'), hidden: true });
  const progressText = el('p', { 'aria-live': 'polite', 'data-testid': 'import-progress-text' });
  const report = el('div', { class: 'import-report', 'data-testid': 'import-report' });
  const button = el('button', { type: 'button', class: app.ready ? 'primary' : undefined, 'data-testid': 'import-run', disabled: !app.ready }, locale.t('import.button'));

  button.addEventListener('click', () =>
    app.guard(async () => {
      const files = Array.from(input.files ?? []);
      if (files.length === 0) {
        app.notify(locale.t('import.nothing'), 'error');
        return;
      }
      button.disabled = true;
      progress.hidden = false;
      progress.removeAttribute('value');
      progressText.textContent = locale.t('import.reading');
      try {
        const notes: HTMLElement[] = [];
        const parsed: ParsedExport[] = [];
        // The zips' entries not imported: shown here, and those the batch job warns of kept in the import log.
        const zipSkipped: ReadResult['skipped'][number][] = [];
        // In core's order of sources (by name), not the dialog's (readPickedFiles).
        for (const result of await readPickedFiles(files, parseInWorker)) {
          parsed.push(...result.parsed);
          zipSkipped.push(...result.skipped);
          for (const skip of result.skipped) {
            // An entry that inflated past its own header's size is told with core's reason and that
            // entry's limit, as the batch job tells it; the zip's declared total with the cap
            // (ZIP_LIMITS), in GiB as the message says it.
            const reason = skip.inflatedPast
              ? locale.t(`zip.zip_too_large.${skip.inflatedPast.reason}`, { bytes: locale.integer(skip.inflatedPast.maxBytes) })
              : locale.t(`zip.${skip.code}`, { gigabytes: locale.integer(ZIP_LIMITS.maxTotalBytes / 1024 ** 3) });
            // Core's severity for the code: the batch job stops on an error, the import goes on without the entry.
            notes.push(el('p', { class: skip.severity, 'data-testid': 'import-zip-problem' }, locale.t('import.zipSkipped', { file: skip.file, entry: skip.entry, reason })));
          }
          // Core refuses a zip whole for an entry refused with an error: say that its good entries were not imported either.
          const refused = result.skipped[0];
          if (refused && zipRefusedWhole(result.skipped.map((s) => s.code))) {
            notes.push(el('p', { class: 'error', 'data-testid': 'import-zip-refused' }, locale.t('import.zipRefusedWhole', { file: refused.file })));
          }
        }
        const { plan, logged: logRows } = await importExports(
          parsed,
          (written, total) => {
            lastProgress = { written, total };
            showProgress();
          },
          zipSkipped,
        );
        // The first Payments report imported made its table: its edits refresh the pane from now on, as the others' do.
        if (parsed.some((p) => p.kind === 'payments')) await watchTables([TABLES.payments]);
        // So does the first import that logged anything: deleting a log row takes its finding away.
        const logged = logRows.length > 0;
        if (logged) await watchTables([TABLES.importLog]);
        const summaries = plan.files.map((f) =>
          el('p', { 'data-testid': 'import-summary' }, locale.t('import.summary', { file: f.file, added: f.added, skipped: f.skipped, rejected: f.rejected })),
        );
        const problemText = (r: (typeof plan.rejected)[number]) => {
          const key = issueMessageKey(r.code, r.reason);
          // A file that is not read says why in words (core's reason: a workbook, a zip under another name), not as its code.
          const input = r.code === 'unsupported_file' && r.input !== undefined && isFileRefusal(r.input) ? locale.t(fileRefusalKey(r.input)) : (r.input ?? '');
          return hasMessage(key) ? locale.t(key, { expected: r.expected ?? '', ...locale.issueParams(r.params), column: r.column ?? '', input }) : r.code;
        };
        // A row that conflicts with, or repeats, the workbook's own row names that row too, by its sheet row.
        const heldRow = (row: number | undefined) => (row === undefined ? '' : ` (${locale.t('findings.row', { table: TABLES.earnings, row: locale.integer(row) })})`);
        const rejected = plan.rejected.map((r) => el('li', { 'data-testid': 'import-rejected' }, `${r.file}:${r.line} — ${problemText(r)}`));
        const warned = plan.warnings.map((w) => el('p', { class: 'warning', 'data-testid': 'import-warning' }, `${w.file}:${w.line} — ${problemText(w)}`));
        // Both versions of a conflict are in Earnings now; the Findings say which counts, as the batch job's report does.
        const conflicts = plan.conflicts.map((c) =>
          el('li', { 'data-codes': 'conflicting_duplicate', 'data-testid': 'import-conflict' }, `${c.file}: ${locale.t('import.conflict', { line: c.line, id: c.earningId, finding: locale.t('finding.conflicting_duplicate') })}${heldRow(c.heldRow)}`),
        );
        const skipped = plan.skipped.slice(0, 200).map((s) =>
          el('li', { 'data-codes': s.code }, `${s.file}: ${locale.t(skipMessage(s), { line: s.line, id: s.earningId })}${heldRow(s.heldRow)}`),
        );
        lastReport = [
          ...notes,
          ...warned,
          ...summaries,
          ...(rejected.length > 0 ? [el('ul', { class: 'rejected' }, ...rejected)] : []),
          ...(conflicts.length > 0 ? [el('ul', { class: 'error' }, ...conflicts)] : []),
          ...(skipped.length > 0 ? [el('details', {}, el('summary', {}, locale.t('import.skippedList', { count: plan.skipped.length })), el('ul', {}, ...skipped))] : []),
          // Where what was not added stays once this report is gone (docs/RULES.md, "Import log").
          ...(logged ? [el('p', { 'data-testid': 'import-logged' }, locale.t('import.logged', { table: TABLES.importLog }))] : []),
        ];
        replaceChildren(report, ...lastReport);
        await app.reload();
        const total = (key: 'added' | 'skipped' | 'rejected') => plan.files.reduce((n, f) => n + f[key], 0);
        app.notify(locale.t('import.done', { added: total('added'), skipped: total('skipped'), rejected: total('rejected') }));
      } finally {
        // Progress belongs to a running import only; the report below says how it ended.
        lastProgress = null;
        progress.hidden = true;
        progressText.textContent = '';
        button.disabled = false;
      }
    }),
  );

  function showProgress(): void {
    if (!lastProgress) return;
    progress.hidden = false;
    progress.max = Math.max(1, lastProgress.total);
    progress.value = lastProgress.written;
    progressText.textContent = locale.t('import.progress', { written: locale.integer(lastProgress.written), total: locale.integer(lastProgress.total) });
  }
  showProgress();
  replaceChildren(report, ...lastReport);
  replaceChildren(root, el('div', { class: 'field' }, el('label', { for: 'import-files' }, locale.t('import.choose')), input), button, progress, progressText, report);
}
