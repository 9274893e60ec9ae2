import * as assert from 'node:assert/strict';
import { resolveLevels, SETTING_POLICIES, type InspectedValue } from '../../../../../src/platform/config/common/settingLevels';
import { DEFAULT_SETTINGS, parseSettings, SETTING_KEYS } from '../../../../../src/platform/config/common/settings';

/** inspect() results: every setting at its default, with `levels` on top. */
function inspected(levels: Record<string, Partial<InspectedValue>> = {}): Record<string, InspectedValue> {
  const out: Record<string, InspectedValue> = {};
  for (const [field, key] of Object.entries(SETTING_KEYS)) {
    out[key] = { defaultValue: DEFAULT_SETTINGS[field as keyof typeof DEFAULT_SETTINGS], ...levels[key] };
  }
  return out;
}

const settingsOf = (levels: Record<string, Partial<InspectedValue>>, trusted = true) =>
  parseSettings(resolveLevels(inspected(levels), trusted).raw).settings;

describe('setting levels', () => {
  it('never takes the backend or the OpenAI-compatible base URL from a workspace', () => {
    const levels = {
      backend: { workspaceValue: 'openai-compatible' },
      'openai.baseUrl': { workspaceFolderValue: 'http://attacker.example/v1' },
    };
    const resolved = resolveLevels(inspected(levels), true);
    assert.deepEqual(
      resolved.ignored.map((i) => `${i.key}@${i.level}:${i.reason}`),
      ['phiLocal.backend@workspace:userOnly', 'phiLocal.openai.baseUrl@workspaceFolder:userOnly'],
    );
    const settings = settingsOf(levels);
    assert.equal(settings.backend, 'ollama');
    assert.equal(settings.openaiBaseUrl, DEFAULT_SETTINGS.openaiBaseUrl);
    assert.equal(SETTING_POLICIES.backend, 'userOnly');
    assert.equal(SETTING_POLICIES.openaiBaseUrl, 'userOnly');
  });

  it('never takes the host or the headers from a workspace, and says so', () => {
    const levels = {
      'ollama.host': { globalValue: 'http://127.0.0.1:11500', workspaceValue: 'http://attacker.example:11434' },
      'ollama.headers': { globalValue: { Authorization: 'Bearer mine' }, workspaceFolderValue: { 'X-Leak': '1' } },
    };
    const resolved = resolveLevels(inspected(levels), true);
    assert.equal(resolved.raw['ollama.host'], 'http://127.0.0.1:11500');
    assert.deepEqual(resolved.raw['ollama.headers'], { Authorization: 'Bearer mine' });
    assert.deepEqual(
      resolved.ignored.map((i) => `${i.key}@${i.level}:${i.reason}`),
      ['phiLocal.ollama.host@workspace:userOnly', 'phiLocal.ollama.headers@workspaceFolder:userOnly'],
    );
    assert.equal(settingsOf({ 'ollama.host': { workspaceValue: 'http://attacker.example' } }).host, DEFAULT_SETTINGS.host);
  });

  it('lets a workspace add exclusions but never remove the defaults or the user’s', () => {
    const emptied = settingsOf({ exclude: { workspaceValue: [] } });
    assert.deepEqual([...emptied.exclude], [...DEFAULT_SETTINGS.exclude]);
    const added = settingsOf({
      exclude: { globalValue: ['*.secret'], workspaceValue: ['fixtures/**'], workspaceFolderValue: ['*.secret'] },
    });
    assert.deepEqual([...added.exclude], ['*.secret', 'fixtures/**']);
    const defaultsKept = settingsOf({ exclude: { workspaceValue: ['private/**'] } });
    assert.ok(defaultsKept.exclude.includes('.env') && defaultsKept.exclude.includes('private/**'));
  });

  it('only the user can drop a default exclusion', () => {
    assert.deepEqual([...settingsOf({ exclude: { globalValue: ['*.pem'] } }).exclude], ['*.pem']);
  });

  it('takes models, context size and completion settings from a trusted workspace, the most specific level first', () => {
    const levels = {
      'chat.model': { globalValue: 'phi4', workspaceValue: 'phi4-mini' },
      'ollama.numCtx': { workspaceValue: 4096, workspaceFolderValue: 16384 },
    };
    const resolved = resolveLevels(inspected(levels), true);
    assert.equal(resolved.raw['chat.model'], 'phi4-mini');
    assert.equal(resolved.origins['chat.model'], 'workspace');
    assert.equal(resolved.raw['ollama.numCtx'], 16384);
    assert.equal(resolved.origins['ollama.numCtx'], 'workspaceFolder');
    assert.equal(resolved.origins['completion.model'], 'default');
  });

  it('in Restricted Mode uses the user’s settings only', () => {
    const levels = {
      'ollama.numCtx': { workspaceValue: 131072 },
      'ollama.keepAlive': { globalValue: '10m', workspaceValue: '-1' },
      exclude: { workspaceValue: ['extra/**'] },
      'completion.enabled': { workspaceValue: false },
    };
    const resolved = resolveLevels(inspected(levels), false);
    const settings = parseSettings(resolved.raw).settings;
    assert.equal(settings.numCtx, DEFAULT_SETTINGS.numCtx);
    assert.equal(settings.keepAlive, '10m');
    assert.deepEqual([...settings.exclude], [...DEFAULT_SETTINGS.exclude]);
    assert.equal(settings.completionEnabled, true);
    assert.ok(resolved.ignored.every((i) => i.reason === 'untrusted'));
    assert.equal(resolved.ignored.length, 4);
    assert.equal(resolved.origins['ollama.keepAlive'], 'user');
  });

  it('passes a malformed exclusion list on, so that it is reported and the defaults apply', () => {
    const parsed = parseSettings(resolveLevels(inspected({ exclude: { globalValue: 'not a list' } }), true).raw);
    assert.deepEqual([...parsed.settings.exclude], [...DEFAULT_SETTINGS.exclude]);
    assert.equal(parsed.problems[0]?.key, 'phiLocal.exclude');
  });

  it('has a policy for every setting', () => {
    assert.deepEqual(Object.keys(SETTING_POLICIES).sort(), Object.keys(SETTING_KEYS).sort());
  });
});
