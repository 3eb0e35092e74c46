/** Dependency rules: data flows files/workbook -> adapter -> core -> adapter. */
module.exports = {
  forbidden: [
    {
      name: 'core-only-decimal-and-luxon',
      comment: 'core is pure: it may import only decimal.js, luxon and itself.',
      severity: 'error',
      from: { path: '^core/' },
      to: { dependencyTypesNot: ['local', 'type-only'], pathNot: ['node_modules/(decimal\\.js|luxon|@types/luxon)/'] },
    },
    {
      name: 'core-not-to-adapters',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(batch|addin|test|scripts)/' },
    },
    {
      name: 'batch-not-to-addin',
      severity: 'error',
      from: { path: '^batch/' },
      to: { path: '^addin/' },
    },
    {
      name: 'addin-not-to-batch',
      severity: 'error',
      from: { path: '^addin/' },
      to: { path: '^batch/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
