import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSource, type InputSource } from './input-source.js';
import { inputIssue, type InputIssue } from './input-issue.js';
import { zipSources } from './zip-sources.js';
import type { ZipLimits } from '../../core/tables/zip-entries.js';
import { isExportFileName, isSystemFile, isZipFileName } from '../../core/tables/export-files.js';
import { fileKindDecision } from '../../core/tables/file-kind.js';
import { readHead } from './file-head.js';
import { unsupportedFileIssue } from './decode-text.js';
import { compareSourceNames } from '../../core/tables/source-order.js';

export interface ExpandOptions {
  /** How much of a zip is read; core's `ZIP_LIMITS` unless a test passes smaller ones. */
  readonly zipLimits?: ZipLimits;
}

export interface ExpandedInputs {
  /** In the order given; a folder's files and a zip's entries sorted by name. */
  readonly sources: InputSource[];
  readonly issues: InputIssue[];
}

/**
 * Turns each `--earnings PATH` into the sources to read: a CSV or TSV file as it is, a `.zip`
 * (as Partner Center downloads) into its CSV/TSV entries, a folder into its CSV, TSV and zip files
 * sorted by name, so that the same folder always gives the same order. Problems are returned as
 * located issues; nothing here throws on bad input.
 */
export async function expandInputs(paths: readonly string[], options: ExpandOptions = {}): Promise<ExpandedInputs> {
  const sources: InputSource[] = [];
  const issues: InputIssue[] = [];
  const add = (listing: { sources: InputSource[]; issues: InputIssue[] }): void => {
    sources.push(...listing.sources);
    issues.push(...listing.issues);
  };

  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      issues.push(
        code === 'ENOENT'
          ? inputIssue('file_not_found', { file: path, message: 'No such file or folder.', hint: 'Check the path given on the command line.' })
          : inputIssue('read_failed', {
              file: path,
              message: `The path cannot be read (${code ?? 'unknown error'}).`,
              hint: 'Check the permissions of the file or folder.',
              ...(code ? { params: { reason: code } } : {}),
            }),
      );
      continue;
    }
    if (info.isDirectory()) add(await folderSources(path, options));
    else add(await fileSources(path, options, info.size));
  }
  return { sources, issues };
}

async function folderSources(folder: string, options: ExpandOptions): Promise<ExpandedInputs> {
  const sources: InputSource[] = [];
  const issues: InputIssue[] = [];
  // A folder's files are a set: read in core's order of sources (docs/RULES.md, "Order of sources").
  const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => compareSourceNames(a.name, b.name));
  for (const entry of entries) {
    // What the system put there (.DS_Store, Thumbs.db) is passed over, as in a zip; another hidden file is read or reported like any other.
    if (isSystemFile(entry.name)) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      issues.push(
        inputIssue('unsupported_file', {
          file: path,
          message: 'Subfolders are not read.',
          hint: 'Pass the subfolder as its own --earnings argument if it holds exports.',
          params: { reason: 'subfolder' },
        }, 'beside'),
      );
    } else if (isZipFileName(entry.name) || isExportFileName(entry.name)) {
      const listing = await fileSources(path, options);
      sources.push(...listing.sources);
      issues.push(...listing.issues);
    } else {
      issues.push(
        inputIssue('unsupported_file', {
          file: path,
          message: 'Not a .csv, .tsv or .zip file; it is skipped.',
          hint: 'Move other files out of the exports folder.',
          params: { reason: 'extension' },
        }, 'beside'),
      );
    }
  }
  if (sources.length === 0 && issues.every((i) => i.severity !== 'error')) {
    issues.push(
      inputIssue('file_not_found', {
        file: folder,
        message: 'The folder holds no CSV, TSV or zip files.',
        hint: 'Check the folder given on the command line.',
        params: { reason: 'empty_folder' },
      }),
    );
  }
  return { sources, issues };
}

/**
 * One file to read, by core's file kind (docs/RULES.md, "Which files are exports"): its first bytes
 * say whether it is text, a zip or a workbook, whatever its name; a workbook, or a zip not named
 * `.zip`, is refused with what to do about it.
 */
async function fileSources(path: string, options: ExpandOptions, size?: number): Promise<ExpandedInputs> {
  let head: Uint8Array;
  try {
    head = await readHead(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      sources: [],
      issues: [
        inputIssue('read_failed', {
          file: path,
          message: `The file cannot be read (${code ?? 'unknown error'}).`,
          hint: 'Check the permissions of the file.',
          ...(code ? { params: { reason: code } } : {}),
        }),
      ],
    };
  }
  const kind = fileKindDecision(path, head);
  if (kind === 'zip') return zipSources(path, path, options.zipLimits);
  if (kind === 'text') return { sources: [fileSource(path, path, size)], issues: [] };
  return { sources: [], issues: [unsupportedFileIssue(path, kind.refused)] };
}

