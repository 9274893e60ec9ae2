import * as assert from 'node:assert/strict';
import { buildChat, CHAT_SYSTEM_PROMPT } from '../../../../src/chat/common/chatPrompt';
import { estimateTokens } from '../../../../src/platform/prompt/common/tokens';
import { storedMessage } from '../../../support/messages';

describe('chat context budget', () => {
  const message = storedMessage;

  it('sends the system prompt, the history and the question with its context', () => {
    const built = buildChat(
      [
        message('user', 'What does f do?'),
        message('assistant', 'It adds.'),
        message('user', 'Make it faster', { context: [{ label: 'a.ts:1-3', language: 'typescript', text: 'function f() {}' }] }),
      ],
      8192,
    );
    assert.deepEqual(
      built.messages.map((m) => m.role),
      ['system', 'user', 'assistant', 'user'],
    );
    assert.equal(built.messages[0].content, CHAT_SYSTEM_PROMPT);
    assert.equal(built.messages[3].content, '`a.ts:1-3`:\n```typescript\nfunction f() {}\n```\n\nMake it faster');
    assert.equal(built.droppedTurns, 0);
  });

  it("puts the project's instructions in the system prompt and counts them in the budget", () => {
    const instructions = { path: 'AGENTS.md', text: 'Answer in British English. '.repeat(200), truncated: false };
    const long = 'word '.repeat(1100);
    const messages = [message('user', `first ${long}`), message('assistant', long), message('user', 'second')];
    const without = buildChat(messages, 4096, 1024);
    const withThem = buildChat(messages, 4096, 1024, instructions);
    assert.ok(withThem.messages[0].content.startsWith(CHAT_SYSTEM_PROMPT));
    assert.match(withThem.messages[0].content, /<project-instructions>\nAnswer in British English\./);
    assert.equal(without.droppedTurns, 0);
    assert.equal(withThem.droppedTurns, 1, 'the instructions take room the old turn had');
    assert.ok(withThem.promptTokens <= 3072, `${withThem.promptTokens} tokens`);
  });

  it('drops the oldest turns first when the conversation no longer fits, and says how many', () => {
    const long = 'word '.repeat(1000);
    const messages = [
      message('user', `first ${long}`),
      message('assistant', long),
      message('user', `second ${long}`),
      message('assistant', long),
      message('user', 'third question'),
    ];
    const built = buildChat(messages, 4096, 1024);
    assert.ok(built.droppedTurns >= 1);
    assert.equal(built.messages.at(-1)?.content, 'third question');
    assert.equal(built.messages[1].role, 'user', 'history starts with a question');
    assert.ok(built.promptTokens <= 4096 - 1024, `${built.promptTokens} tokens`);
    const total = built.messages.reduce((sum, m) => sum + estimateTokens(m.content), 0);
    assert.ok(total <= 3072);
  });

  it('cuts context that alone does not fit, keeping the question', () => {
    const built = buildChat(
      [message('user', 'Explain', { context: [{ label: 'big.ts', language: 'ts', text: 'const x = 1;\n'.repeat(5000) }] })],
      4096,
      1024,
    );
    assert.equal(built.truncatedContext, true);
    assert.match(built.messages.at(-1)?.content ?? '', /cut to fit the context window\)\n```\n\nExplain$/);
    assert.ok(estimateTokens(built.messages.at(-1)?.content ?? '') < 3072);
  });

  it('leaves failed answers out of the history', () => {
    const built = buildChat([message('user', 'q1'), message('assistant', 'partial', { status: 'error' }), message('user', 'q2')], 8192);
    assert.deepEqual(built.messages.map((m) => m.content).slice(1), ['q1', 'q2']);
  });
});
