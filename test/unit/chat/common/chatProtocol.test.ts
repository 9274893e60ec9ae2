import * as assert from 'node:assert/strict';
import { isSafeLink, MAX_WEBVIEW_MESSAGE, parseWebviewMessage } from '../../../../src/chat/common/chatProtocol';

describe('webview protocol guard', () => {
  const valid: unknown[] = [
    { type: 'webview/ready' },
    { type: 'chat/send', text: 'How do I sort a map?' },
    { type: 'chat/cancel', requestId: 'r1' },
    { type: 'history/rename', id: 'c1', title: 'Sorting' },
    { type: 'code/apply', code: 'x = 1', language: 'python' },
    { type: 'link/open', href: 'https://example.com' },
    { type: 'action/run', action: 'pullModel' },
    { type: 'context/add', source: 'terminal' },
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
    ['an unknown context source', { type: 'context/add', source: '/etc/passwd' }],
    ['an oversized message', { type: 'chat/send', text: 'x'.repeat(MAX_WEBVIEW_MESSAGE) }],
    ['an oversized id', { type: 'history/delete', id: 'x'.repeat(500) }],
    ['an empty title', { type: 'history/rename', id: 'c1', title: ' ' }],
    ['a prototype key standing in for a field (valueOf)', { type: 'chat/send', valueOf: 'x' }],
    ['a prototype key standing in for a field (constructor)', { type: 'code/insert', constructor: 'x' }],
    ['a type inherited from the prototype', Object.create({ type: 'chat/new' }) as unknown],
    ['a field inherited from the prototype', Object.assign(Object.create({ text: 'hi' }) as object, { type: 'chat/send' })],
    [
      'a getter that throws',
      {
        type: 'chat/send',
        get text(): string {
          throw new Error('boom');
        },
      },
    ],
  ];
  for (const [name, message] of invalid) {
    it(`drops ${name}`, () => {
      let parsed: unknown;
      try {
        parsed = parseWebviewMessage(message);
      } catch (error) {
        assert.fail(`threw ${String(error)}`);
      }
      assert.equal(parsed, undefined);
    });
  }

  it('hands on a fresh plain object with only the checked fields', () => {
    const sent = { type: 'chat/send', text: 'hello' };
    const parsed = parseWebviewMessage(sent);
    assert.deepEqual(parsed, sent);
    assert.notEqual(parsed, sent);
    assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  });

  it('opens only http(s) links', () => {
    assert.equal(isSafeLink('https://example.com/a?b=c'), true);
    assert.equal(isSafeLink('http://localhost:3000'), true);
    for (const href of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'command:workbench.action.terminal.new',
      'file:///etc/passwd',
      'vscode://settings',
      '//evil.com',
      'not a url',
    ]) {
      assert.equal(isSafeLink(href), false, href);
    }
  });
});
