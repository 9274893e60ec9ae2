import * as assert from 'node:assert/strict';
import { loadHistory } from '../../../../src/chat/common/storedHistory';

describe('stored chat history', () => {
  it('keeps well-formed conversations and marks an answer cut off by a reload as stopped', () => {
    const { conversations, dropped } = loadHistory([
      {
        id: 'c1',
        title: 'Sorting',
        createdAt: 1,
        updatedAt: 2,
        messages: [
          {
            id: 'u1',
            role: 'user',
            content: 'How?',
            status: 'done',
            context: [{ label: 'a.ts', language: 'ts', text: 'x', uri: 'file:///w/a.ts' }],
          },
          { id: 'a1', role: 'assistant', content: 'Like th', status: 'streaming' },
        ],
      },
    ]);
    assert.equal(dropped, 0);
    assert.equal(conversations[0].messages[1].status, 'stopped');
    assert.equal(conversations[0].messages[0].context?.[0].uri, 'file:///w/a.ts');
  });

  it('drops what has the wrong shape and counts it, whatever was stored', () => {
    const { conversations, dropped } = loadHistory([
      null,
      'text',
      { id: 7, messages: [] },
      { id: 'c2', messages: 'none' },
      {
        id: 'c3',
        messages: [
          null,
          { id: 'm1', role: 'user', content: 42, status: 'done' },
          { id: 'm2', role: 'system', content: 'x', status: 'done' },
          { id: 'm3', role: 'assistant', content: 'ok', status: 'weird', error: { message: 'e', actions: ['retry', 'rm -rf'] } },
          { id: 'm4', role: 'user', content: 'q', status: 'done', context: [{ label: 'x' }, 'y'] },
        ],
      },
    ]);
    assert.equal(dropped, 7);
    assert.deepEqual(
      conversations.map((c) => c.id),
      ['c3'],
    );
    const [answer, question] = conversations[0].messages;
    assert.equal(answer.status, 'done');
    assert.deepEqual(answer.error, { message: 'e', actions: ['retry'] });
    assert.equal(question.context, undefined);
    assert.equal(conversations[0].title, 'New chat');
  });

  it('starts empty from nothing, and counts a stored value that is not a list', () => {
    assert.deepEqual(loadHistory(undefined), { conversations: [], dropped: 0 });
    assert.deepEqual(loadHistory({ broken: true }), { conversations: [], dropped: 1 });
  });
});
