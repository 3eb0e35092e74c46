/**
 * The batch job's CSV reader reads headers with core's one header reader (core/tables/header-row.ts),
 * the same the add-in's import uses.
 */
export {
  HEADER_SEARCH_LINES,
  canonicalNames,
  describeRequirement,
  headerColumns,
  missingRequirements,
  normaliseHeaderName,
  type ColumnRequirement,
  type CsvColumn,
  type CsvHeader,
  type Delimiter,
  type HeaderColumnsResult,
} from '../../core/tables/header-row.js';
