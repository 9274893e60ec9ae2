import * as assert from 'node:assert/strict';
import { historyEntries, prune, titleFrom, type Conversation } from '../../../../src/chat/common/conversation';

describe('conversations', () => {
  it('titles a chat after its first question', () => {
    assert.equal(titleFrom('How do I sort a Map by value in TypeScript?'), 'How do I sort a Map by value in TypeScript?');
    assert.equal(
      titleFrom('Explain this function that parses the configuration file and validates every field'),
      'Explain this function that parses the…',
    );
  });

  it('lists history newest first and prunes what is too much', () => {
    const conversations: Conversation[] = Array.from({ length: 60 }, (_, i) => ({
      id: `c${i}`,
      title: `t${i}`,
      createdAt: i,
      updatedAt: i,
      messages: [{ id: 'm', role: 'user', content: 'x', status: 'done' }],
    }));
    assert.equal(historyEntries(conversations)[0].id, 'c59');
    assert.equal(prune(conversations).length, 50);
  });
});
