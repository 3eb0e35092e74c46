import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSource, type InputSource } from './input-source.js';
import { inputError, inputWarning, type InputIssue } from './input-issue.js';
import { zipSources } from './zip-sources.js';
import type { ZipLimits } from '../../core/tables/zip-entries.js';
import { isExportFileName, isSystemFile, isZipFileName } from '../../core/tables/export-files.js';
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

const WORKBOOK = /\.(xlsx|xlsm|xlsb|xls)$/i;

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
          ? inputError('file_not_found', { file: path, message: 'No such file or folder.', hint: 'Check the path given on the command line.' })
          : inputError('read_failed', {
              file: path,
              message: `The path cannot be read (${code ?? 'unknown error'}).`,
              hint: 'Check the permissions of the file or folder.',
              ...(code ? { params: { reason: code } } : {}),
            }),
      );
      continue;
    }
    if (info.isDirectory()) add(await folderSources(path, options));
    else if (isZipFileName(path)) add(await zipSources(path, path, options.zipLimits));
    else if (WORKBOOK.test(path)) {
      issues.push(
        inputError('unsupported_file', {
          file: path,
          message: 'A workbook is not an earnings export.',
          hint: 'Download the export from Partner Center as CSV or TSV, or save the sheet as CSV UTF-8.',
          params: { reason: 'workbook' },
        }),
      );
    } else sources.push(fileSource(path, path, info.size));
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
        inputWarning('unsupported_file', {
          file: path,
          message: 'Subfolders are not read.',
          hint: 'Pass the subfolder as its own --earnings argument if it holds exports.',
          params: { reason: 'subfolder' },
        }),
      );
    } else if (isZipFileName(entry.name)) {
      const listing = await zipSources(path, path, options.zipLimits);
      sources.push(...listing.sources);
      issues.push(...listing.issues);
    } else if (isExportFileName(entry.name)) {
      sources.push(fileSource(path));
    } else {
      issues.push(
        inputWarning('unsupported_file', {
          file: path,
          message: 'Not a .csv, .tsv or .zip file; it is skipped.',
          hint: 'Move other files out of the exports folder.',
          params: { reason: 'extension' },
        }),
      );
    }
  }
  if (sources.length === 0 && issues.every((i) => i.severity !== 'error')) {
    issues.push(
      inputError('file_not_found', {
        file: folder,
        message: 'The folder holds no CSV, TSV or zip files.',
        hint: 'Check the folder given on the command line.',
        params: { reason: 'empty_folder' },
      }),
    );
  }
  return { sources, issues };
}
