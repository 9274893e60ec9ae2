import * as assert from 'node:assert/strict';
import { adaptCode, extractCode, looksLikeWholeFile } from '../../../../src/edit/common/codeExtraction';

describe('code from replies', () => {
  const cases: [string, string, string][] = [
    [
      'a fenced block with prose around',
      'Here is the faster version:\n\n```ts\nconst x = 1;\n```\n\nThis avoids the loop.',
      'const x = 1;',
    ],
    ['the first of several fences', '```py\na = 1\n```\nor\n```py\nb = 2\n```', 'a = 1'],
    ['no fence', 'const y = 2;\n', 'const y = 2;'],
    ['a wrong language tag', '```javascript\ndef f():\n    return 1\n```', 'def f():\n    return 1'],
    ['an unterminated fence', '```go\nfunc main() {}\n', 'func main() {}'],
    ['a tilde fence', '~~~\nx\n~~~', 'x'],
    ['a reply with CRLF line endings', 'Sure:\r\n```cs\r\nvar a = 1;\r\nvar b = 2;\r\n```\r\nDone.', 'var a = 1;\nvar b = 2;'],
  ];
  for (const [name, reply, code] of cases) it(`extracts ${name}`, () => assert.equal(extractCode(reply), code));
});

describe('adapting code to the place it goes', () => {
  it('re-indents to the original indentation', () => {
    const code = 'if (a) {\n  b();\n}';
    assert.equal(
      adaptCode(code, { original: '    if (x) {\n      y();\n    }', eol: '\n', useTabs: false, tabSize: 2 }),
      '    if (a) {\n      b();\n    }',
    );
  });

  it('converts spaces to the tabs of the document', () => {
    const code = 'def f():\n    return 1';
    assert.equal(adaptCode(code, { original: '\tdef g():\n\t\tpass', eol: '\n', useTabs: true, tabSize: 4 }), '\tdef f():\n\t\treturn 1');
  });

  it('converts tabs from the model to the spaces of the document', () => {
    assert.equal(adaptCode('\tx = 1\n\t\ty = 2', { original: 'x = 0', eol: '\n', useTabs: false, tabSize: 4 }), 'x = 1\n    y = 2');
  });

  it('uses CRLF in a CRLF file', () => {
    assert.equal(adaptCode('a\nb', { original: 'x\r\ny', eol: '\r\n', useTabs: false, tabSize: 4 }), 'a\r\nb');
  });

  it('tells a whole file from a part', () => {
    const file = 'import x\n\ndef a():\n    pass\n\ndef b():\n    pass\n';
    assert.equal(looksLikeWholeFile('import x\n\ndef a():\n    return 1\n\ndef b():\n    pass\n', file), true);
    assert.equal(looksLikeWholeFile('def a():\n    return 1', file), false);
  });
});
