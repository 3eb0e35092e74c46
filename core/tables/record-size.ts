/**
 * How long one record of an export may be, for both adapters (docs/RULES.md, "Record size"). Far
 * above any real record (a Partner Center row is a few KB), low enough to stop a runaway quote
 * (one never closed swallows the rest of the file into one record) before it fills the memory.
 *
 * A record longer than this many characters (its line break not counted) is `record_too_large`,
 * and its file is read no further. It is located where the fault most likely is: at the quote
 * still open after the first `MAX_RECORD_CHARS` characters of the record (its line and its cell's
 * column), else at the line the record starts on.
 */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;
