/**
 * A count or a position written in a cell as text: a whole number from 1 in plain digits (`1`,
 * `42`), else null. No sign, no decimals, no group marks: such cells are the tool's own, never a
 * user's amount, and anything else in them was typed over them.
 */
export function wholeNumberFromOne(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[0-9]{1,15}$/.test(trimmed)) return null;
  const n = Number.parseInt(trimmed, 10);
  return n >= 1 ? n : null;
}
