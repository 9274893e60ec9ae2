import * as assert from 'node:assert/strict';
import {
  formatProblems,
  formatTerminalRun,
  isContextSource,
  pathsInCommand,
  stripAnsi,
  type Problem,
} from '../../../../src/chat/common/contextFormatting';
import { estimateTokens } from '../../../../src/platform/prompt/common/tokens';

const problem = (extra: Partial<Problem>): Problem => ({
  path: 'src/a.ts',
  line: 1,
  column: 1,
  severity: 'error',
  message: 'Bad.',
  ...extra,
});

describe('chat context sources', () => {
  it('knows its sources and nothing else', () => {
    assert.ok(isContextSource('terminal'));
    assert.ok(isContextSource('stagedDiff'));
    assert.equal(isContextSource('file'), false);
    assert.equal(isContextSource('__proto__'), false);
    assert.equal(isContextSource(3), false);
  });

  it('lists problems errors first, by file and line, each with its line of code and origin', () => {
    const text = formatProblems([
      problem({
        path: 'src/b.ts',
        line: 9,
        severity: 'warning',
        message: 'Unused x.',
        source: 'eslint',
        code: 'no-unused-vars',
        lineText: '  const x = 1;',
      }),
      problem({
        path: 'src/b.ts',
        line: 3,
        column: 7,
        message: "Type 'string' is not\n  assignable to 'number'.",
        source: 'ts',
        code: '2322',
        lineText: "let n: number = 'a';",
      }),
      problem({ path: 'src/a.ts', line: 20, severity: 'hint', message: 'Could be const.' }),
    ]);
    assert.equal(
      text,
      "src/b.ts:3:7 error (ts 2322): Type 'string' is not assignable to 'number'.\n    3 | let n: number = 'a';\n" +
        'src/b.ts:9:1 warning (eslint no-unused-vars): Unused x.\n    9 | const x = 1;',
    );
  });

  it('shows hints only when there is nothing else, caps the list and says how many more', () => {
    assert.match(formatProblems([problem({ severity: 'hint', message: 'Could be const.' })]) ?? '', /hint: Could be const\./);
    const many = Array.from({ length: 60 }, (_, i) => problem({ line: i + 1 }));
    const text = formatProblems(many, 50) ?? '';
    assert.equal(text.split('\n').filter((l) => l.startsWith('src/a.ts:')).length, 50);
    assert.match(text, /… and 10 more$/);
    assert.equal(formatProblems([]), undefined);
  });

  it('strips colours, titles, shell-integration marks and redrawn progress from terminal output', () => {
    const raw = '\u001b]633;C\u0007\u001b[1;31merror\u001b[0m: failed\r\nprogress 10%\rprogress 100%\r\n\u001b]0;title\u0007done\u0007';
    assert.equal(stripAnsi(raw), 'error: failed\nprogress 100%\ndone');
  });

  it('gives the command, its exit code and output; of a long output the beginning and the end', () => {
    const short = formatTerminalRun({ commandLine: 'npm test ', output: 'ok\n', exitCode: 0, cwd: '/w' }, 500);
    assert.equal(short, '$ npm test\n(exit code 0, in /w)\nok');
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i}`);
    const long = formatTerminalRun({ commandLine: 'make', output: `${lines.join('\n')}\nError: the last line`, exitCode: 2 }, 400);
    assert.ok(estimateTokens(long) <= 420, String(estimateTokens(long)));
    assert.match(long, /^\$ make\n\(exit code 2\)\nline 0\n/);
    assert.match(long, /… \(output cut\) …/);
    assert.match(long, /Error: the last line$/);
    assert.match(formatTerminalRun({ commandLine: 'sleep 9', output: '' }, 100), /still running or exit code unknown/);
  });

  it('finds the paths a command names, so output of an excluded file is not sent', () => {
    assert.deepEqual(pathsInCommand('cat .env'), ['cat', '.env']);
    assert.deepEqual(pathsInCommand('tool --config=secrets/prod.yml -v "my dir/id_rsa" | grep x'), [
      'tool',
      'secrets/prod.yml',
      'my dir/id_rsa',
      'grep',
      'x',
    ]);
    assert.deepEqual(pathsInCommand('curl https://example.com/a.txt'), ['curl']);
  });
});
