import * as assert from 'node:assert/strict';
import { describeStatus, type StatusInput } from '../../../../../src/platform/status/common/statusView';

const t = (message: string, ...args: (string | number)[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

const base: StatusInput = {
  connection: { kind: 'ready' },
  host: 'http://127.0.0.1:11434',
  remoteHost: false,
  chatModel: 'phi4',
  completionModel: 'phi4',
  completionsEnabled: true,
  generating: 0,
  version: '0.12.3',
  now: 1_000_000,
};

describe('status bar text', () => {
  const cases: [string, Partial<StatusInput>, RegExp, string[], string][] = [
    ['checking', { connection: { kind: 'checking' } }, /checking/, ['showLog', 'openSettings'], 'normal'],
    ['ready', {}, /\$\(check\) phi4/, ['toggleCompletions', 'snooze', 'selectModel', 'retry', 'openSettings', 'showLog'], 'normal'],
    ['loading', { connection: { kind: 'loading', model: 'phi4' } }, /Loading phi4/, ['selectModel', 'showLog'], 'normal'],
    [
      'generating',
      { generating: 1 },
      /phi4: generating/,
      ['toggleCompletions', 'snooze', 'selectModel', 'retry', 'openSettings', 'showLog'],
      'normal',
    ],
    [
      'unreachable',
      { connection: { kind: 'unreachable', failure: { kind: 'unreachable', message: 'Ollama is not reachable', detail: 'ECONNREFUSED' } } },
      /Ollama not reachable/,
      ['retry', 'installOllama', 'openSettings', 'showLog'],
      'error',
    ],
    [
      'model missing',
      { connection: { kind: 'modelMissing', model: 'phi4' } },
      /phi4 not pulled/,
      ['pullModel', 'selectModel', 'retry', 'showLog'],
      'warning',
    ],
    [
      'completions off',
      { completionsEnabled: false },
      /completions off/,
      ['toggleCompletions', 'selectModel', 'retry', 'openSettings', 'showLog'],
      'normal',
    ],
    [
      'snoozed',
      { snoozedUntil: 2_000_000 },
      /completions off/,
      ['toggleCompletions', 'selectModel', 'retry', 'openSettings', 'showLog'],
      'normal',
    ],
    ['pulling', { connection: { kind: 'pulling', model: 'phi4', percent: 42 } }, /Pulling phi4 42%/, ['showLog'], 'normal'],
  ];
  for (const [name, input, text, actions, severity] of cases) {
    it(`says the state: ${name}`, () => {
      const view = describeStatus({ ...base, ...input }, t);
      assert.match(view.text, text);
      assert.deepEqual(view.actions, actions);
      assert.equal(view.severity, severity);
    });
  }

  it('speaks of the OpenAI-compatible server with that backend: no Install Ollama, no Pull, Set API Key when refused', () => {
    const team: StatusInput = {
      ...base,
      backend: 'openai-compatible',
      host: 'http://gpu-box:8000/v1',
      remoteHost: true,
      chatModel: 'microsoft/phi-4',
      completionModel: 'microsoft/phi-4',
      version: 'vllm',
    };
    const ready = describeStatus(team, t);
    assert.match(ready.tooltip, /OpenAI-compatible server \(vllm\) at http:\/\/gpu-box:8000\/v1/);
    assert.match(ready.tooltip, /gpu-box:8000\/v1 is not this machine — your code is sent to it/);
    const down = describeStatus(
      { ...team, connection: { kind: 'unreachable', failure: { kind: 'unreachable', message: 'not reachable', detail: 'x' } } },
      t,
    );
    assert.match(down.text, /Server not reachable/);
    assert.deepEqual(down.actions, ['retry', 'openSettings', 'showLog']);
    const refused = describeStatus(
      { ...team, connection: { kind: 'unreachable', failure: { kind: 'unauthorized', message: 'refused', detail: '401' } } },
      t,
    );
    assert.deepEqual(refused.actions, ['setApiKey', 'retry', 'openSettings', 'showLog']);
    const missing = describeStatus({ ...team, connection: { kind: 'modelMissing', model: 'phi4' } }, t);
    assert.match(missing.text, /phi4 not served/);
    assert.match(missing.tooltip, /The server at http:\/\/gpu-box:8000\/v1 does not serve the model phi4\./);
    assert.deepEqual(missing.actions, ['selectModel', 'retry', 'openSettings', 'showLog']);
    assert.match(describeStatus({ ...team, connection: { kind: 'checking' } }, t).tooltip, /Checking the OpenAI-compatible server at/);
  });

  it('names both models when chat and completions differ', () => {
    assert.match(describeStatus({ ...base, completionModel: 'qwen2.5-coder:1.5b' }, t).text, /phi4 · qwen2\.5-coder:1\.5b/);
  });

  it('warns in the tooltip that a remote host receives the code', () => {
    const view = describeStatus({ ...base, host: 'http://gpu-box:11434', remoteHost: true }, t);
    assert.match(view.tooltip, /gpu-box:11434 is not this machine — your code is sent to it/);
    assert.doesNotMatch(view.tooltip, /Runs on this machine/);
    assert.equal(view.severity, 'warning');
  });

  it('says in the tooltip which model runs where, and the completion details it is given', () => {
    const view = describeStatus({ ...base, details: ['Last completion 412 ms (p50 380 ms, p90 900 ms).'] }, t);
    const lines = view.tooltip.split('\n');
    assert.match(lines[0], /chat with phi4, completions with phi4/);
    assert.ok(lines.includes('Runs on this machine: your code stays here.'));
    assert.equal(lines.at(-1), 'Last completion 412 ms (p50 380 ms, p90 900 ms).');
  });

  it('an expired snooze no longer turns completions off', () => {
    assert.match(describeStatus({ ...base, snoozedUntil: 999_999 }, t).text, /\$\(check\)/);
  });
});
