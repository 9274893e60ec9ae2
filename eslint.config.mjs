// Lint, including the layer rules of the feature-first layout (docs/ARCHITECTURE.md). Every source file sits
// in a layer folder and the rules are keyed on the folder's name, not on a list of files:
//   common/   pure TypeScript: no runtime 'vscode', no Node built-ins, no model client, no other layer
//   node/     Node code: Node built-ins; 'ollama' only under src/platform/ollama/, 'openai' only under
//             src/platform/openai/ (each backend folder imports its own client); no 'vscode'
//   vscode/   glue that imports 'vscode' (and src/extension.ts, which wires the features together)
//   webview/  browser code: imports only common/ code and browser APIs
// The platform imports no feature. A source file outside these layers fails lint (rule phi/layer-folder).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'http',
  'https',
  'net',
  'child_process',
  'crypto',
  'util',
  'stream',
  'events',
  'url',
  'worker_threads',
];
const noVscode = {
  name: 'vscode',
  message: "Only vscode/ layer folders and src/extension.ts import 'vscode' at runtime (use `import type`).",
  allowTypeImports: true,
};
const noOllama = { name: 'ollama', message: "Only src/platform/ollama/node imports the 'ollama' package." };
const noOpenai = { name: 'openai', message: "Only src/platform/openai/node imports the 'openai' package." };
const otherLayers = (...names) => ({
  group: names.map((name) => `**/${name}/**`),
  message: 'This layer does not import that one (see docs/ARCHITECTURE.md).',
});
const features = {
  group: ['**/completion/**', '**/chat/**', '**/edit/**', '**/languageModel/**', '**/scm/**', '**/welcome/**'],
  message: 'The platform imports no feature: pass what it needs in from the feature.',
};

/** Every file under src/ is src/extension.ts or sits in a common/, node/, vscode/ or webview/ folder. */
const layerFolder = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    return {
      Program(node) {
        const file = context.filename.replace(/\\/g, '/');
        const inSrc = file.split('/src/')[1];
        if (inSrc === undefined || inSrc === 'extension.ts') return;
        if (!/(^|\/)(common|node|vscode|webview|core)\/([^/]+\/)?[^/]+\.ts$/.test(inSrc)) {
          context.report({ node, message: `src/${inSrc} is outside a layer folder: put it in <area>/common, node, vscode or webview.` });
        }
      },
    };
  },
};

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
      globals: {
        process: 'readonly',
        console: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        require: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
      },
    },
  },
  {
    files: ['esbuild.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { phi: { rules: { 'layer-folder': layerFolder } } },
    rules: { 'phi/layer-folder': 'error', 'no-console': 'error' },
  },
  {
    files: ['src/**/common/**/*.ts', 'src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noVscode, noOllama, noOpenai],
          patterns: [{ group: nodeBuiltins, message: 'common/ is pure: no Node built-ins.' }, otherLayers('vscode', 'node', 'webview')],
        },
      ],
    },
  },
  {
    files: ['src/**/node/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [noVscode], patterns: [otherLayers('vscode', 'webview')] }] },
  },
  {
    files: ['src/platform/ollama/node/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [noVscode, noOpenai], patterns: [otherLayers('vscode', 'webview'), features] },
      ],
    },
  },
  {
    files: ['src/platform/openai/node/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [noVscode, noOllama], patterns: [otherLayers('vscode', 'webview'), features] },
      ],
    },
  },
  {
    files: ['src/**/node/**/*.ts'],
    ignores: ['src/platform/ollama/node/**/*.ts', 'src/platform/openai/node/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [noVscode, noOllama, noOpenai], patterns: [otherLayers('vscode', 'webview')] },
      ],
    },
  },
  {
    files: ['src/**/vscode/**/*.ts', 'src/extension.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [noOllama, noOpenai], patterns: [otherLayers('webview')] }] },
  },
  {
    files: ['src/**/webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ ...noVscode, allowTypeImports: false }, noOllama, noOpenai],
          patterns: [{ group: nodeBuiltins, message: 'Browser code.' }, otherLayers('vscode', 'node')],
        },
      ],
    },
  },
  {
    files: ['src/platform/**/common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noVscode, noOllama],
          patterns: [
            { group: nodeBuiltins, message: 'common/ is pure: no Node built-ins.' },
            otherLayers('vscode', 'node', 'webview'),
            features,
          ],
        },
      ],
    },
  },
  {
    files: ['src/platform/**/vscode/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [noOllama], patterns: [otherLayers('webview'), features] }] },
  },
  {
    files: ['test/unit/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ ...noVscode, allowTypeImports: false }] }] },
  },
);
