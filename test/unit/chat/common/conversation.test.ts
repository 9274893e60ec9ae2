import * as assert from 'node:assert/strict';
import {
  capContext,
  historyEntries,
  MAX_CONTEXT_CHARS_PER_MESSAGE,
  MAX_TOTAL_STORED_CHARS,
  prune,
  searchConversations,
  storedSize,
  titleFrom,
  type Conversation,
} from '../../../../src/chat/common/conversation';

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

  it('caps the context one message stores, and the history all conversations take together', () => {
    const blocks = [
      { label: 'a.ts', language: 'ts', text: 'a'.repeat(MAX_CONTEXT_CHARS_PER_MESSAGE - 10) },
      { label: 'b.ts', language: 'ts', text: 'b'.repeat(1000) },
      { label: 'c.ts', language: 'ts', text: 'c' },
    ];
    const capped = capContext(blocks);
    assert.equal(capped.length, 2);
    assert.ok(capped[1].text.startsWith('bbbbbbbbbb') && capped[1].text.endsWith('(cut)'));
    const big = (id: string, updatedAt: number): Conversation => ({
      id,
      title: id,
      createdAt: 0,
      updatedAt,
      messages: [
        { id: `${id}m`, role: 'user', content: 'q', status: 'done', context: [{ label: 'f', language: 'ts', text: 'x'.repeat(150_000) }] },
      ],
    });
    const many = Array.from({ length: 20 }, (_, i) => big(`c${i}`, i));
    const kept = prune(many, 'c0');
    const total = kept.reduce((sum, c) => sum + c.messages.reduce((s, m) => s + storedSize(m), 0), 0);
    assert.ok(total <= MAX_TOTAL_STORED_CHARS + 150_100, `${total}`);
    assert.ok(kept.length < 20);
    assert.ok(
      kept.some((c) => c.id === 'c0'),
      'the current conversation stays',
    );
    assert.equal(kept[0].id, 'c19', 'newest first');
  });

  it('finds chats by every word of the query in the title or any message, any case, newest first', () => {
    const chat = (id: string, updatedAt: number, title: string, ...contents: string[]): Conversation => ({
      id,
      title,
      createdAt: 0,
      updatedAt,
      messages: contents.map((content, i) => ({ id: `${id}${i}`, role: i % 2 ? 'assistant' : 'user', content, status: 'done' })),
    });
    const all = [
      chat('a', 1, 'Sorting numbers', 'How do I sort?', 'Use Array.prototype.sort with a comparator.'),
      chat('b', 3, 'Parse JSON', 'How to parse JSON safely?', 'Wrap JSON.parse in try/catch.'),
      chat('c', 2, 'Sort a Map', 'sort a map by value', 'Spread the entries, then sort.'),
      chat('d', 4, 'Empty'),
    ];
    assert.deepEqual(searchConversations(all, 'sort'), ['c', 'a']);
    assert.deepEqual(searchConversations(all, 'SORT comparator'), ['a']);
    assert.deepEqual(searchConversations(all, 'try/catch'), ['b']);
    assert.deepEqual(searchConversations(all, 'nothing like this'), []);
    assert.deepEqual(searchConversations(all, '  '), ['b', 'c', 'a'], 'empty query: every chat with messages');
  });
});
