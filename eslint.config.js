// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'build/', 'dist/', 'reports/', 'coverage/', '.bench-cache/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Money is never a float: parseFloat on anything is suspicious everywhere.
      'no-restricted-globals': ['error', { name: 'parseFloat', message: 'Parse amounts with core/money parseAmount.' }],
    },
  },
  {
    // The purity fence of core: no IO, no clock, no randomness, no host APIs, no floats on money.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins.map((name) => ({ name, message: 'core is pure: no Node builtins.' })) }],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core is pure: pass settings in.' },
        { name: 'console', message: 'core is pure: return issues instead of logging.' },
        { name: 'parseFloat', message: 'Money is never a float: use parseAmount.' },
        { name: 'window', message: 'core has no host.' },
        { name: 'document', message: 'core has no host.' },
        { name: 'Office', message: 'core has no host.' },
        { name: 'Excel', message: 'core has no host.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'core never reads the clock: take asOf as an argument.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'core never reads the clock.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'core is deterministic.' },
        { selector: "CallExpression[callee.property.name='set'][callee.object.name=/^(Decimal|Dec)$/]", message: 'Never Decimal.set: use the local clone in core/money/decimal.ts.' },
        { selector: "CallExpression[callee.object.name='Number'][callee.property.name='parseFloat']", message: 'Money is never a float.' },
        { selector: "CallExpression[callee.name='Number']", message: 'Money is never a float: Number() on text is how amounts turn into floats. Use parseAmount / Dec.' },
        { selector: "UnaryExpression[operator='+'][argument.type!='Literal']", message: 'Unary + converts to a float: use parseAmount / Dec.' },
      ],
    },
  },
  {
    // Node scripts and configs in plain JavaScript.
    files: ['**/*.mjs', '**/*.cjs', 'bin/**/*.js', 'webpack.config.js', 'eslint.config.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', __dirname: 'readonly', module: 'writable', require: 'readonly' },
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
