import * as assert from 'node:assert/strict';
import { chatBanner } from '../../../../src/chat/common/chatBanner';
import { modelFailure } from '../../../../src/platform/backend/common/modelFailure';
import { english } from '../../../../src/platform/l10n/common/translate';

const ollama = { kind: 'ollama' as const, host: 'http://127.0.0.1:11434' };
const team = { kind: 'openai-compatible' as const, host: 'http://gpu-box:8000/v1' };

describe('chat banner', () => {
  it('names the server and the setting of the backend in use when the server is not reachable', () => {
    const down = (server: 'ollama' | 'openai-compatible', host: string) =>
      ({ kind: 'unreachable', failure: modelFailure('unreachable', { detail: 'ECONNREFUSED', host, server }) }) as const;
    const local = chatBanner(down('ollama', ollama.host), ollama, english);
    assert.match(local, /^Ollama is not reachable at http:\/\/127\.0\.0\.1:11434\..*phiLocal\.ollama\.host/);
    const remote = chatBanner(down('openai-compatible', team.host), team, english);
    assert.match(remote, /^The OpenAI-compatible server is not reachable at http:\/\/gpu-box:8000\/v1\..*phiLocal\.openai\.baseUrl/);
    assert.doesNotMatch(remote, /Ollama/);
  });

  it('says a refused key is refused, not unreachable', () => {
    const failure = modelFailure('unauthorized', { detail: '401: Unauthorized', host: team.host, server: 'openai-compatible' });
    assert.match(
      chatBanner({ kind: 'unreachable', failure }, team, english),
      /refused the request \(401: Unauthorized\)\. Set its API key/,
    );
  });

  it('says a missing model is not installed in Ollama, or not served by the team server', () => {
    assert.equal(chatBanner({ kind: 'modelMissing', model: 'phi4' }, ollama, english), 'phi4 is not installed in Ollama.');
    assert.equal(
      chatBanner({ kind: 'modelMissing', model: 'microsoft/phi-4' }, team, english),
      'The server at http://gpu-box:8000/v1 does not serve microsoft/phi-4.',
    );
  });

  it('is empty when ready or checking, and says what loads or downloads', () => {
    assert.equal(chatBanner({ kind: 'ready' }, ollama, english), '');
    assert.equal(chatBanner({ kind: 'checking' }, team, english), '');
    assert.equal(chatBanner({ kind: 'loading', model: 'phi4' }, ollama, english), 'Loading phi4…');
    assert.equal(chatBanner({ kind: 'pulling', model: 'phi4', percent: 12 }, ollama, english), 'Pulling phi4…');
  });

  it('goes through the translation', () => {
    const marked = (message: string, ...args: (string | number)[]) => `«${english(message, ...args)}»`;
    assert.equal(chatBanner({ kind: 'modelMissing', model: 'phi4' }, ollama, marked), '«phi4 is not installed in Ollama.»');
  });
});
