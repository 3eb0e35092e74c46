/**
 * Every parameter an issue of core carries has a kind core declares (`ISSUE_PARAM_KINDS`), so the
 * pane shows an amount as an amount and a date as a date without a list of its own (docs/RULES.md,
 * "Issue parameters"). Core's sources are read by the TypeScript checker, which sees through
 * spreads (`{ ...window, reason }`) and forwarded params; a planted probe proves the scan finds
 * what it guards against.
 */
import { describe, expect, test } from 'vitest';
import ts from 'typescript';
import { join } from 'node:path';
import { ISSUE_PARAM_KINDS, issueParamKind } from '../../core/issues.js';
import { MAX_SIGNIFICANT_DIGITS, parseAmount } from '../../core/money/parse-amount.js';

const root = join(import.meta.dirname, '../..');
const ISSUES_FILE = join(root, 'core/issues.ts');
const PROBE = join(root, 'core/__issue-param-probe.ts');
const PROBE_TEXT = `import { issue } from './issues.js';
const window = { windowStart: '2021-01-01', plantedByProbe: 'x' };
export const a = issue('invalid_amount', [], '1', { reason: 'r', plantedInLiteral: '1' });
export const b = issue('claim_submitted_outside_window', [], '1', { ...window });
`;

interface ParamUse {
  readonly file: string;
  readonly name: string;
}

/** Each parameter name passed to core's `issue()` in core's sources (and the probe), by file. */
function paramsPassedToIssue(): { uses: ParamUse[]; calls: number } {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'core/tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (file === PROBE ? PROBE_TEXT : readFile(file));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === PROBE || fileExists(file);
  const program = ts.createProgram({ rootNames: [...config.fileNames, PROBE], options: config.options, host });
  const checker = program.getTypeChecker();
  const uses: ParamUse[] = [];
  let calls = 0;
  const isIssueFunction = (callee: ts.Expression) => {
    let symbol = checker.getSymbolAtLocation(callee);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol?.name === 'issue' && symbol.declarations?.some((d) => d.getSourceFile().fileName === ISSUES_FILE) === true;
  };
  for (const source of program.getSourceFiles()) {
    if (!source.fileName.startsWith(join(root, 'core'))) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.arguments.length >= 4 && isIssueFunction(node.expression)) {
        calls++;
        const params = checker.getTypeAtLocation(node.arguments[3]!);
        for (const property of checker.getPropertiesOfType(checker.getNonNullableType(params))) uses.push({ file: source.fileName, name: property.name });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { uses, calls };
}

describe('issue parameters', () => {
  test('every parameter core passes to an issue has a kind core declares; the planted probe\'s two are caught', () => {
    const { uses, calls } = paramsPassedToIssue();
    // Not a scan that found nothing: core makes issues with parameters in dozens of places.
    expect(calls).toBeGreaterThan(30);
    expect(uses.some((u) => u.name === 'needed')).toBe(true);
    const undeclared = uses.filter((u) => issueParamKind(u.name) === undefined).map((u) => `${u.file.slice(root.length + 1)}: ${u.name}`);
    expect(undeclared.sort()).toEqual(['core/__issue-param-probe.ts: plantedByProbe', 'core/__issue-param-probe.ts: plantedInLiteral']);
  });

  test('an amount is an amount and a date a date, by core\'s word', () => {
    expect(issueParamKind('shortfall')).toBe('amount');
    expect(issueParamKind('windowEnd')).toBe('date');
    expect(issueParamKind('maxSignificantDigits')).toBe('count');
    expect(issueParamKind('toString')).toBeUndefined();
    expect(Object.keys(ISSUE_PARAM_KINDS)).toContain('reason');
  });

  test('an amount with too many significant digits carries the limit it broke', () => {
    const r = parseAmount('1499.9999999999999');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.params).toEqual({ reason: 'too_precise', maxSignificantDigits: String(MAX_SIGNIFICANT_DIGITS) });
  });
});
