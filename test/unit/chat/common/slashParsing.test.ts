import * as assert from 'node:assert/strict';
import { fillPrompt, matchingEntries, parsePromptFile, parseSlash, type SlashEntry } from '../../../../src/chat/common/slashParsing';

describe('slash commands and prompt files', () => {
  it('parses a command at the start of the input, with what follows', () => {
    assert.deepEqual(parseSlash('/fix'), { name: 'fix', rest: '' });
    assert.deepEqual(parseSlash('  /Explain  in simple words\nplease '), { name: 'explain', rest: 'in simple words\nplease' });
    assert.equal(parseSlash('/usr/bin/env is missing'), undefined);
    assert.equal(parseSlash('why does /fix fail'), undefined);
    assert.equal(parseSlash('/'), undefined);
  });

  it('offers the entries that start with what was typed, commands first', () => {
    const entries: SlashEntry[] = [
      { name: 'review', description: 'Review', kind: 'prompt' },
      { name: 'tests', description: 'Write tests', kind: 'command' },
      { name: 'doc', description: 'Document', kind: 'command' },
      { name: 'translate', description: 'Translate', kind: 'prompt' },
    ];
    assert.deepEqual(
      matchingEntries(entries, 't').map((e) => e.name),
      ['tests', 'translate'],
    );
    assert.deepEqual(
      matchingEntries(entries, '').map((e) => e.name),
      ['doc', 'tests', 'review', 'translate'],
    );
    assert.deepEqual(matchingEntries(entries, 'x'), []);
  });

  it('reads a prompt file with front matter, or names it after the file', () => {
    assert.deepEqual(
      parsePromptFile('review.md', '---\nname: Code Review\ndescription: "Review for bugs"\n---\nReview {{selection}} from {{file}}.\n'),
      {
        name: 'code-review',
        description: 'Review for bugs',
        body: 'Review {{selection}} from {{file}}.',
      },
    );
    assert.deepEqual(parsePromptFile('sql.prompt.md', 'Turn this into SQL:\n{{input}}\r\n'), {
      name: 'sql',
      description: 'Turn this into SQL:',
      body: 'Turn this into SQL:\n{{input}}',
    });
  });

  it('refuses a prompt file without a body, with an unusable name, too large, or named like a built-in command', () => {
    assert.equal(parsePromptFile('empty.md', '---\nname: empty\n---\n'), undefined);
    assert.equal(parsePromptFile('1st.md', 'Do it.'), undefined);
    assert.equal(parsePromptFile('fix.md', 'Fix everything.'), undefined);
    assert.equal(parsePromptFile('big.md', 'x'.repeat(20_000)), undefined);
  });

  it('fills the placeholders once and adds typed text the body does not place', () => {
    const values = { selection: '```ts\nconst a = "{{file}}";\n```', file: 'src/a.ts', input: 'be brief' };
    assert.equal(
      fillPrompt('Review {{ selection }} in {{file}}.', values),
      'Review ```ts\nconst a = "{{file}}";\n``` in src/a.ts.\n\nbe brief',
    );
    assert.equal(fillPrompt('Answer: {{input}}', values), 'Answer: be brief');
    assert.equal(fillPrompt('Plain.', { selection: '', file: '', input: '' }), 'Plain.');
  });
});
