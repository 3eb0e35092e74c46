/**
 * A cell's text as core reads it (docs/RULES.md, "Cell text"): without the white space around it,
 * white space being what makes a cell blank (`isBlankCell`): what `String.prototype.trim`
 * removes, so a cell that is only white space reads as '', and a row of such cells is a blank
 * row. White space inside the text is kept. One rule for every adapter: the batch job's fields and
 * the add-in's files and workbook cells are each read through here, never trimmed their own way.
 */
export function trimCell(text: string): string {
  const n = text.length;
  // Nearly every cell starts and ends with a printable ASCII character, none of them white space:
  // such text is already trimmed, and a reader of 1M rows takes it as it is.
  if (n > 0 && isPrintableAscii(text.charCodeAt(0)) && isPrintableAscii(text.charCodeAt(n - 1))) return text;
  return text.trim();
}

function isPrintableAscii(code: number): boolean {
  return code > 32 && code < 127;
}
