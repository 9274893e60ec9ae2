import * as assert from 'node:assert/strict';
import { actionsFor, isUserAction } from '../../../../../src/platform/connection/common/userActions';

describe('user actions per failure', () => {
  it('offers Ollama what Ollama can do, and an OpenAI-compatible server only what applies to it', () => {
    assert.deepEqual(actionsFor('unreachable'), ['retry', 'installOllama', 'openSettings']);
    assert.deepEqual(actionsFor('unreachable', 'openai-compatible'), ['retry', 'openSettings', 'showLog']);
    assert.deepEqual(actionsFor('modelMissing'), ['pullModel', 'selectModel', 'retry']);
    assert.deepEqual(actionsFor('modelMissing', 'openai-compatible'), ['selectModel', 'retry']);
    for (const server of ['ollama', 'openai-compatible'] as const) {
      assert.deepEqual(actionsFor('unauthorized', server), ['setApiKey', 'openSettings', 'showLog']);
      assert.deepEqual(actionsFor('contextTooLong', server), ['openSettings', 'showLog']);
      assert.deepEqual(actionsFor('aborted', server), []);
    }
    assert.ok(isUserAction('setApiKey'));
  });
});
