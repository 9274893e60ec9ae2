import * as assert from 'node:assert/strict';
import { historyEntries, prune, titleFrom, type Conversation, type StoredMessage } from '../../src/chat/common/conversation';
import { buildChat, CHAT_SYSTEM_PROMPT } from '../../src/chat/common/chatPrompt';
import { isSafeLink, MAX_WEBVIEW_MESSAGE, parseWebviewMessage } from '../../src/chat/common/chatProtocol';
import { estimateTokens } from '../../src/platform/prompt/common/tokens';

describe('webview protocol guard', () => {
  const valid: unknown[] = [
    { type: 'webview/ready' },
    { type: 'chat/send', text: 'How do I sort a map?' },
    { type: 'chat/cancel', requestId: 'r1' },
    { type: 'history/rename', id: 'c1', title: 'Sorting' },
    { type: 'code/apply', code: 'x = 1', language: 'python' },
    { type: 'link/open', href: 'https://example.com' },
    { type: 'action/run', action: 'pullModel' },
  ];
  for (const message of valid) it(`accepts ${JSON.stringify(message)}`, () => assert.deepEqual(parseWebviewMessage(message), message));

  const invalid: [string, unknown][] = [
    ['null', null],
    ['a string', 'chat/send'],
    ['an array', [{ type: 'chat/send' }]],
    ['an unknown type', { type: 'chat/explode' }],
    ['a prototype key as type', { type: 'constructor' }],
    ['a missing field', { type: 'chat/send' }],
    ['an empty question', { type: 'chat/send', text: '   ' }],
    ['a wrongly typed field', { type: 'chat/cancel', requestId: 42 }],
    ['an extra field', { type: 'chat/new', command: 'workbench.action.terminal.new' }],
    ['an unknown action', { type: 'action/run', action: 'runShell' }],
    ['an oversized message', { type: 'chat/send', text: 'x'.repeat(MAX_WEBVIEW_MESSAGE) }],
    ['an oversized id', { type: 'history/delete', id: 'x'.repeat(500) }],
    ['an empty title', { type: 'history/rename', id: 'c1', title: ' ' }],
  ];
  for (const [name, message] of invalid) it(`drops ${name}`, () => assert.equal(parseWebviewMessage(message), undefined));

  it('opens only http(s) links', () => {
    assert.equal(isSafeLink('https://example.com/a?b=c'), true);
    assert.equal(isSafeLink('http://localhost:3000'), true);
    for (const href of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'command:workbench.action.terminal.new', 'file:///etc/passwd', 'vscode://settings', '//evil.com', 'not a url']) {
      assert.equal(isSafeLink(href), false, href);
    }
  });
});

describe('chat context budget', () => {
  const message = (role: 'user' | 'assistant', content: string, extra: Partial<StoredMessage> = {}): StoredMessage => ({ id: `${role}${content.length}`, role, content, status: 'done', ...extra });

  it('sends the system prompt, the history and the question with its context', () => {
    const built = buildChat(
      [message('user', 'What does f do?'), message('assistant', 'It adds.'), message('user', 'Make it faster', { context: [{ label: 'a.ts:1-3', language: 'typescript', text: 'function f() {}' }] })],
      8192,
    );
    assert.deepEqual(built.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.equal(built.messages[0].content, CHAT_SYSTEM_PROMPT);
    assert.equal(built.messages[3].content, '`a.ts:1-3`:\n```typescript\nfunction f() {}\n```\n\nMake it faster');
    assert.equal(built.droppedTurns, 0);
  });

  it('drops the oldest turns first when the conversation no longer fits, and says how many', () => {
    const long = 'word '.repeat(1000);
    const messages = [message('user', `first ${long}`), message('assistant', long), message('user', `second ${long}`), message('assistant', long), message('user', 'third question')];
    const built = buildChat(messages, 4096, 1024);
    assert.ok(built.droppedTurns >= 1);
    assert.equal(built.messages.at(-1)?.content, 'third question');
    assert.equal(built.messages[1].role, 'user', 'history starts with a question');
    assert.ok(built.promptTokens <= 4096 - 1024, `${built.promptTokens} tokens`);
    const total = built.messages.reduce((sum, m) => sum + estimateTokens(m.content), 0);
    assert.ok(total <= 3072);
  });

  it('cuts context that alone does not fit, keeping the question', () => {
    const built = buildChat([message('user', 'Explain', { context: [{ label: 'big.ts', language: 'ts', text: 'const x = 1;\n'.repeat(5000) }] })], 4096, 1024);
    assert.equal(built.truncatedContext, true);
    assert.match(built.messages.at(-1)?.content ?? '', /cut to fit the context window\)\n```\n\nExplain$/);
    assert.ok(estimateTokens(built.messages.at(-1)?.content ?? '') < 3072);
  });

  it('leaves failed answers out of the history', () => {
    const built = buildChat([message('user', 'q1'), message('assistant', 'partial', { status: 'error' }), message('user', 'q2')], 8192);
    assert.deepEqual(built.messages.map((m) => m.content).slice(1), ['q1', 'q2']);
  });
});

describe('conversations', () => {
  it('titles a chat after its first question', () => {
    assert.equal(titleFrom('How do I sort a Map by value in TypeScript?'), 'How do I sort a Map by value in TypeScript?');
    assert.equal(titleFrom('Explain this function that parses the configuration file and validates every field'), 'Explain this function that parses the…');
  });

  it('lists history newest first and prunes what is too much', () => {
    const conversations: Conversation[] = Array.from({ length: 60 }, (_, i) => ({ id: `c${i}`, title: `t${i}`, createdAt: i, updatedAt: i, messages: [{ id: 'm', role: 'user', content: 'x', status: 'done' }] }));
    assert.equal(historyEntries(conversations)[0].id, 'c59');
    assert.equal(prune(conversations).length, 50);
  });
});
