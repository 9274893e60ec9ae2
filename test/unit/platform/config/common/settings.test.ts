import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_SETTINGS,
  effectiveSettings,
  parseSettings,
  SECTION,
  SETTING_KEYS,
} from '../../../../../src/platform/config/common/settings';
import { REPO_ROOT } from '../../../../support/paths';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: unknown; description?: string; markdownDescription?: string }> } };
};

describe('settings', () => {
  it('package.json declares every setting with the code default and a description', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const [field, key] of Object.entries(SETTING_KEYS)) {
      const declared = properties[`${SECTION}.${key}`];
      assert.ok(declared, `${SECTION}.${key} is not declared`);
      assert.deepEqual(declared.default, DEFAULT_SETTINGS[field as keyof typeof DEFAULT_SETTINGS], `${key} default`);
      assert.ok(declared.description || declared.markdownDescription, `${key} has no description`);
    }
    assert.equal(Object.keys(properties).length, Object.keys(SETTING_KEYS).length, 'no undeclared extra settings');
  });

  it('takes defaults when nothing is set, with no problems', () => {
    const { settings, problems } = parseSettings({});
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(problems, []);
  });

  const bad: [string, unknown, RegExp][] = [
    ['ollama.host', 'ftp://x', /not an http\(s\) URL/],
    ['ollama.host', 42, /not an http\(s\) URL/],
    ['ollama.host', '', /not an http\(s\) URL/],
    ['ollama.headers', ['a'], /must be an object/],
    ['ollama.headers', { 'Bad Name': 'x' }, /not a valid name/],
    ['ollama.headers', { 'X-Ok': 3 }, /not a valid name with a string value/],
    ['ollama.headers', { 'X-Inject': 'a\r\nHost: evil' }, /not a valid name/],
    ['ollama.keepAlive', 'forever', /not a duration/],
    ['ollama.numCtx', 12, /from 1024 to 131072/],
    ['ollama.numCtx', 8192.5, /whole number/],
    ['ollama.numCtx', '8192', /whole number/],
    ['chat.model', '', /not a model name/],
    ['completion.model', 'phi 4', /not a model name/],
    ['completion.enabled', 'yes', /true or false/],
    ['completion.debounceMs', -5, /from 0 to 2000/],
    ['completion.disabledLanguages', 'markdown', /list of strings/],
    ['exclude', [1, 2], /list of strings/],
    ['chat.projectInstructions', 'CLAUDE.md', /not one of auto, off, AGENTS.md/],
    ['backend', 'vllm', /not one of ollama, openai-compatible/],
    ['openai.baseUrl', 'gpu-box:8000', /not an http\(s\) URL/],
    ['openai.baseUrl', 'http://user:pw@gpu-box/v1', /not an http\(s\) URL/],
    ['openai.contextLength', -1, /from 0 to 1048576/],
  ];
  for (const [key, value, message] of bad) {
    it(`falls back and names phiLocal.${key} for ${JSON.stringify(value)}`, () => {
      const { settings, problems } = parseSettings({ [key]: value });
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0].key, `phiLocal.${key}`);
      assert.match(problems[0].message, message);
      const field = Object.entries(SETTING_KEYS).find(([, k]) => k === key)?.[0] as keyof typeof DEFAULT_SETTINGS;
      if (key === 'ollama.headers') assert.equal(Object.keys(settings.headers).includes('Bad Name'), false);
      else assert.deepEqual(settings[field], DEFAULT_SETTINGS[field]);
    });
  }

  it('keeps the good headers when one is bad', () => {
    const { settings } = parseSettings({ 'ollama.headers': { Authorization: 'Bearer t', 'bad name': 'x' } });
    assert.deepEqual(settings.headers, { Authorization: 'Bearer t' });
  });

  it('accepts good values', () => {
    const { settings, problems } = parseSettings({
      'ollama.host': 'gpu-box:11434',
      'ollama.keepAlive': '-1',
      'ollama.numCtx': 16384,
      'chat.model': ' phi4:14b-q8_0 ',
      'completion.debounceMs': 0,
      'chat.projectInstructions': '.philocal/instructions.md',
    });
    assert.deepEqual(problems, []);
    assert.equal(settings.host, 'http://gpu-box:11434');
    assert.equal(settings.keepAlive, -1);
    assert.equal(settings.numCtx, 16384);
    assert.equal(settings.chatModel, 'phi4:14b-q8_0');
    assert.equal(settings.debounceMs, 0);
    assert.equal(settings.projectInstructions, '.philocal/instructions.md');
  });

  it("plans prompts with the OpenAI-compatible server's window: the setting, else the server's, else num_ctx", () => {
    const team = parseSettings({ backend: 'openai-compatible' }).settings;
    assert.equal(effectiveSettings(team, 16384).numCtx, 16384);
    assert.equal(effectiveSettings(team, undefined).numCtx, 8192);
    assert.equal(effectiveSettings(team, 512).numCtx, 1024, 'within the range');
    assert.equal(
      effectiveSettings(parseSettings({ backend: 'openai-compatible', 'openai.contextLength': 4096 }).settings, 16384).numCtx,
      4096,
    );
    const local = parseSettings({}).settings;
    assert.equal(effectiveSettings(local, 16384), local, 'Ollama: num_ctx is what Phi Local loads the model with');
  });
});
