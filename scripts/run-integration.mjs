// Runs the integration tests (out/test/integration) in a real VS Code through @vscode/test-electron,
// with our code-server launcher standing in for the VS Code executable.
import { runTests } from '@vscode/test-electron';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAll } from './tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureAll();
const workspace = path.join(root, '.cache', 'test-workspace');
rmSync(workspace, { recursive: true, force: true });
mkdirSync(workspace, { recursive: true });
try {
  await runTests({
    vscodeExecutablePath: path.join(root, 'scripts', 'code-server-launcher.mjs'),
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [
      workspace,
      `--user-data-dir=${path.join(root, '.cache', 'vscode-test', 'user-data')}`,
      `--extensions-dir=${path.join(root, '.cache', 'vscode-test', 'extensions')}`,
      // PHI_LOCAL_TEST_LOG=trace: the extension's log (user-data/logs/…/Phi Local.log) in full detail.
      ...(process.env.PHI_LOCAL_TEST_LOG ? [`--log=${process.env.PHI_LOCAL_TEST_LOG}`] : []),
    ],
  });
} catch (error) {
  console.error(`integration tests failed: ${error?.message ?? error}`);
  process.exit(1);
}
