import { isZipFileName } from './export-files.js';

/**
 * What a file is, decided once for both adapters from its name and its first bytes (docs/RULES.md,
 * "Which files are exports"). The bytes decide what the file holds; the name only whether a zip is
 * meant as one: Partner Center's exports are text, its downloads zips of them, and a workbook is
 * neither, whatever it is called.
 */

/** What a file's first bytes say it holds. */
export type ContentKind = 'text' | 'zip' | 'workbook' | 'legacy_workbook';

/** How many leading bytes `contentKind` looks at: a zip's first local header and the start of its first name. */
export const CONTENT_SNIFF_BYTES = 64;

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * The parts an Office Open XML workbook (.xlsx, .xlsm, .xlsb) starts with: Excel writes
 * `[Content_Types].xml` first, other writers one of its folders.
 */
const WORKBOOK_PARTS = ['[Content_Types].xml', '_rels/', 'docProps/', 'xl/'];

function startsWith(head: Uint8Array, bytes: readonly number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

/**
 * An Excel 97–2003 workbook (.xls) is an OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1); a zip starts
 * with a local header (PK 03 04), or is an empty one (PK 05 06); a zip whose first entry is a
 * workbook's part is a workbook. Anything else is taken for text, whose encoding is the next
 * question (text-encoding.ts).
 */
export function contentKind(head: Uint8Array): ContentKind {
  if (startsWith(head, OLE2)) return 'legacy_workbook';
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (!startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'text';
  const nameLength = head.length >= 28 ? head[26]! | (head[27]! << 8) : 0;
  let name = '';
  for (const b of head.subarray(30, 30 + nameLength)) name += String.fromCharCode(b);
  return WORKBOOK_PARTS.some((part) => name.startsWith(part)) ? 'workbook' : 'zip';
}

/** Why a file is not read: it is a workbook, or a zip under a name that does not say so. A list, so that every adapter can show each one in words. */
export const FILE_REFUSALS = ['workbook', 'legacy_workbook', 'zip_signature'] as const;
export type FileRefusal = (typeof FILE_REFUSALS)[number];

export function isFileRefusal(reason: string): reason is FileRefusal {
  return (FILE_REFUSALS as readonly string[]).includes(reason);
}

/**
 * How a file is read: as text (an export), opened as a zip of exports, or refused as
 * `unsupported_file` with its reason. A workbook is refused under any name (`.xls`, `.xlsx`, or
 * renamed `.csv`): it is never read as rows. A zip is opened only under a `.zip` name; under
 * another one (`.csv`) it is refused, so that the user renames it rather than a file being read as
 * something its name denies. Text is an export whatever its name (a CSV saved as `x.xlsx` is read);
 * text named `.zip` is opened as a zip, and then found damaged.
 */
export function fileKindDecision(name: string, head: Uint8Array): 'text' | 'zip' | { readonly refused: FileRefusal } {
  const kind = contentKind(head);
  if (kind === 'workbook' || kind === 'legacy_workbook') return { refused: kind };
  if (isZipFileName(name)) return 'zip';
  return kind === 'zip' ? { refused: 'zip_signature' } : 'text';
}
