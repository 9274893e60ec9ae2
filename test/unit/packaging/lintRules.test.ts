// The lint that guards the layout: the layer table's rule (scripts/layers.mjs) refuses a wrong-layer import, a
// feature reaching into a backend's folder, a client package outside its backend, the platform importing a
// feature, however the config blocks are ordered; files stay under 300 lines; an export nothing imports fails
// `npm run lint` (scripts/unused-exports.mjs). Lints source text at made-up paths with the repository's config.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { REPO_ROOT } from '../../support/paths';

describe('lint rules of the layout', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: REPO_ROOT });

  async function problems(file: string, text: string): Promise<string[]> {
    const [result] = await eslint.lintText(text, { filePath: path.join(REPO_ROOT, file) });
    return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
  }

  async function refused(file: string, text: string, pattern: RegExp): Promise<void> {
    const found = await problems(file, text);
    assert.ok(
      found.some((p) => p.startsWith('phi/layers') && pattern.test(p)),
      `${file} should be refused (${pattern}); got ${JSON.stringify(found)}`,
    );
  }

  it('lets each layer import what the table allows', async () => {
    assert.deepEqual(
      await problems(
        'src/completion/vscode/probe.ts',
        "import * as vscode from 'vscode';\nimport { sameModelName } from '../../platform/backend/common/modelTypes';\nimport { HOLE } from '../common/completionPrompt';\nexport const x = [vscode, sameModelName, HOLE];\n",
      ),
      [],
    );
    assert.deepEqual(
      await problems('src/chat/common/probe.ts', "import type * as vscode from 'vscode';\nexport type X = vscode.Uri;\n"),
      [],
      'a type import of vscode is free in common/',
    );
    assert.deepEqual(
      await problems('src/platform/ollama/node/probe.ts', "import { Ollama } from 'ollama';\nexport const x = Ollama;\n"),
      [],
    );
  });

  it('refuses a feature reaching into a backend folder, whatever the layer', async () => {
    for (const file of ['src/completion/common/probe.ts', 'src/chat/vscode/probe.ts', 'src/platform/status/common/probe.ts']) {
      const depth = file.split('/').length - 2;
      const up = '../'.repeat(depth);
      await refused(
        file,
        `import { parseModelInfo } from '${up}platform/ollama/common/modelInfo';\nexport const x = parseModelInfo;\n`,
        /platform\/backend/,
      );
      await refused(
        file,
        `import { servedModelInfo } from '${up}platform/openai/common/openaiReplies';\nexport const x = servedModelInfo;\n`,
        /platform\/backend/,
      );
    }
  });

  it('keeps each client package in its own backend folder', async () => {
    await refused('src/platform/openai/common/probe.ts', "import OpenAI from 'openai';\nexport const x = OpenAI;\n", /'openai'/);
    await refused('src/platform/ollama/node/probe.ts', "import OpenAI from 'openai';\nexport const x = OpenAI;\n", /'openai'/);
    await refused('src/platform/openai/node/probe.ts', "import { Ollama } from 'ollama';\nexport const x = Ollama;\n", /'ollama'/);
    await refused('src/chat/vscode/probe.ts', "import { Ollama } from 'ollama';\nexport const x = Ollama;\n", /'ollama'/);
    await refused('src/platform/backend/common/probe.ts', "export const x = () => import('ollama');\n", /'ollama'/);
  });

  it('refuses the wrong layer, the platform importing a feature, a feature the table does not list, Node in common/', async () => {
    await refused('src/chat/common/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n", /vscode/);
    await refused(
      'src/chat/common/probe.ts',
      "import { x as y } from '../vscode/chatSession';\nexport const x = y;\n",
      /common\/ file does not import from a vscode/,
    );
    await refused(
      'src/chat/webview/probe.ts',
      "import { x as y } from '../node/thing';\nexport const x = y;\n",
      /webview\/ file does not import from a node/,
    );
    await refused('src/completion/common/probe.ts', "import * as fs from 'node:fs';\nexport const x = fs;\n", /no Node built-ins/);
    await refused(
      'src/platform/status/common/probe.ts',
      "import { HOLE } from '../../../completion/common/completionPrompt';\nexport const x = HOLE;\n",
      /imports no feature/,
    );
    await refused(
      'src/edit/common/probe.ts',
      "import { HOLE } from '../../completion/common/completionPrompt';\nexport const x = HOLE;\n",
      /does not use the completion feature/,
    );
    await refused('src/chat/probe.ts', 'export const x = 1;\n', /outside a layer folder/);
  });

  it('fails a source file over 300 lines', async () => {
    const text = Array.from({ length: 301 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
    assert.ok((await problems('src/chat/common/probe.ts', text)).some((p) => p.startsWith('max-lines')));
  });

  it('fails an export that nothing imports, and lets one pass that a test imports', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'phi-unused-'));
    try {
      const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      };
      write(
        'src/extension.ts',
        "import { used } from './feature/common/parts';\nexport function activate(): number {\n  return used;\n}\n",
      );
      write(
        'src/feature/common/parts.ts',
        'export const used = 1;\nexport const tested = 2;\nexport interface Orphan {\n  a: number;\n}\n',
      );
      write('test/unit/parts.test.ts', "import { tested } from '../../src/feature/common/parts';\nvoid tested;\n");
      const run = () =>
        spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'unused-exports.mjs'), '--root', root], { encoding: 'utf8' });
      const failing = run();
      assert.equal(failing.status, 1, failing.stdout + failing.stderr);
      assert.match(failing.stdout, /src\/feature\/common\/parts\.ts:3 {2}Orphan/);
      assert.doesNotMatch(failing.stdout, /\bused\b|tested|activate/);
      write('src/feature/common/parts.ts', 'export const used = 1;\nexport const tested = 2;\n');
      const passing = run();
      assert.equal(passing.status, 0, passing.stdout + passing.stderr);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
