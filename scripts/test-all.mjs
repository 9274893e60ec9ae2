// `npm test`: typecheck, lint, unit tests (plain Node), integration tests (real VS Code), UI tests (Chromium
// against code-server). Prints every step's outcome and closes with one line `N passed, N failed`.
import { spawn } from 'node:child_process';

const steps = [
  { name: 'typecheck', command: 'npm run -s typecheck' },
  { name: 'lint', command: 'npm run -s lint' },
  { name: 'unit', command: 'npm run -s test:unit', counts: /(\d+) passing/, failures: /(\d+) failing/ },
  {
    name: 'integration',
    command: 'npm run -s test:integration',
    counts: /integration: (\d+) passed/,
    failures: /integration: \d+ passed, (\d+) failed/,
  },
];
if (process.env.PHI_LOCAL_SKIP_UI !== '1') {
  steps.push({ name: 'ui', command: 'npm run -s test:ui', counts: /(\d+) passing/, failures: /(\d+) failing/ });
}

function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

let passed = 0;
let failed = 0;
const summary = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command}`);
  const started = Date.now();
  const { code, output } = await run(step.command);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (step.counts) {
    const p = Number(output.match(step.counts)?.[1] ?? 0);
    const f = Number(output.match(step.failures)?.[1] ?? 0);
    passed += p;
    // A runner that crashed reports nothing: count the step as one failure.
    failed += f || (code !== 0 ? 1 : 0);
    summary.push(`${step.name}: ${p} passed, ${f || (code !== 0 ? 1 : 0)} failed (${seconds} s)`);
  } else {
    if (code === 0) passed++;
    else failed++;
    summary.push(`${step.name}: ${code === 0 ? 'ok' : 'FAILED'} (${seconds} s)`);
  }
}
console.log(`\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
