import * as assert from 'node:assert/strict';
import { conversationMarkdown, exportFileName } from '../../../../src/chat/common/exportMarkdown';
import type { Conversation } from '../../../../src/chat/common/conversation';

const labels = { you: 'You', assistant: 'Phi Local', context: 'Context', stopped: 'Stopped.', failed: 'Failed' };

describe('chat export to Markdown', () => {
  it('writes each turn under a heading, with the context labels, and marks stopped and failed answers', () => {
    const conversation: Conversation = {
      id: 'c1',
      title: 'Sorting numbers',
      createdAt: 0,
      updatedAt: 0,
      messages: [
        {
          id: 'u1',
          role: 'user',
          content: 'How do I sort?',
          status: 'done',
          context: [{ label: 'app.ts:1-3', language: 'ts', text: 'SECRET-ISH' }],
        },
        { id: 'a1', role: 'assistant', content: 'Use sort:\n\n```ts\nxs.sort();\n```\n', status: 'done' },
        { id: 'u2', role: 'user', content: 'And reverse?', status: 'done' },
        { id: 'a2', role: 'assistant', content: 'Call', status: 'stopped' },
        { id: 'u3', role: 'user', content: 'Again', status: 'done' },
        { id: 'a3', role: 'assistant', content: '', status: 'error', error: { message: 'Ollama is not reachable', actions: [] } },
      ],
    };
    assert.equal(
      conversationMarkdown(conversation, labels, '4 Dec 2026'),
      '# Sorting numbers\n\n_4 Dec 2026_\n\n## You\n\nContext: `app.ts:1-3`\n\nHow do I sort?\n\n## Phi Local\n\nUse sort:\n\n```ts\nxs.sort();\n```' +
        '\n\n## You\n\nAnd reverse?\n\n## Phi Local\n\nCall\n\n_Stopped._\n\n## You\n\nAgain\n\n## Phi Local\n\n_Failed: Ollama is not reachable_\n',
    );
  });

  it('names the file after the title, safely', () => {
    assert.equal(exportFileName('How do I sort numbers?'), 'How-do-I-sort-numbers.md');
    assert.equal(exportFileName('../../etc/passwd'), 'etc-passwd.md');
    assert.equal(exportFileName('排序 数字'), '排序-数字.md');
    assert.equal(exportFileName('???'), 'chat.md');
    assert.ok(exportFileName('x'.repeat(200)).length <= 63);
  });
});
