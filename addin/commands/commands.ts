/**
 * Ribbon commands (ExecuteFunction). They run in the shared runtime with the task pane, so the
 * set-up command is the same code the pane's "Set up workbook" button runs.
 */
import { ensureCoopTables } from '../excel/workbook-setup.js';
import { defaultProgramRows } from '../ledger/program-rows.js';

async function setUpWorkbook(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await Excel.run((context) => ensureCoopTables(context, defaultProgramRows()));
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate('setUpWorkbook', setUpWorkbook);
});
