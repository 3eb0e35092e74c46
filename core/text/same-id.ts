/**
 * Whether a cell holds an id (a claimId, an earningId): ids are compared as a register is read,
 * trimmed and case kept (docs/RULES.md, "Claims"), so ` CLM-1 ` is CLM-1 and `clm-1` is another.
 */
export function sameId(cell: string, id: string): boolean {
  return cell.trim() === id.trim();
}
