// Lint, including the layer rules of STYLE.md: only src/vscode and extension.ts import 'vscode' at runtime,
// only src/ollama imports 'ollama', src/core uses neither nor Node built-ins.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'util', 'stream', 'events', 'url', 'worker_threads'];
const noVscode = { name: 'vscode', message: "Only src/vscode and src/extension.ts may import 'vscode' at runtime (use `import type`).", allowTypeImports: true };
const noOllama = { name: 'ollama', message: "Only src/ollama may import the 'ollama' package." };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { ecmaVersion: 2022, sourceType: 'module' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'esbuild.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', require: 'readonly' },
    },
  },
  {
    files: ['esbuild.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/webview/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [noVscode, noOllama],
        patterns: [{ group: nodeBuiltins, message: 'src/core is pure: no Node built-ins.' }, { group: ['**/vscode/**', '**/ollama/**'], message: 'src/core imports no other layer.' }],
      }],
    },
  },
  {
    files: ['src/ollama/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [noVscode], patterns: [{ group: ['**/vscode/**'], message: 'src/ollama does not depend on the VS Code layer.' }] }] },
  },
  {
    files: ['src/vscode/**/*.ts', 'src/extension.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [noOllama] }] },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ ...noVscode, allowTypeImports: false }, noOllama],
        patterns: [{ group: nodeBuiltins, message: 'Browser code.' }, { group: ['**/vscode/**', '**/ollama/**'], message: 'The webview imports only core/protocol.' }],
      }],
    },
  },
  {
    files: ['test/unit/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ ...noVscode, allowTypeImports: false }] }] },
  },
);
