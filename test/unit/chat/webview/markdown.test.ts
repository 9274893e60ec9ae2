import * as assert from 'node:assert/strict';
import { createRenderer, StreamSplitter, type CodeBlock } from '../../../../src/chat/webview/markdown';

const render = (markdown: string, blocks: CodeBlock[] = []) => createRenderer().render(markdown, blocks);

const TAGS = new Set([
  'p',
  'a',
  'span',
  'div',
  'button',
  'pre',
  'code',
  'strong',
  'em',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'hr',
  'br',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  's',
  'del',
]);
const ATTRIBUTES = new Set(['class', 'href', 'data-href', 'data-index', 'data-action', 'title', 'type', 'start', 'style']);

/** Every real tag in the output is harmless: allowed elements, allowed attributes, links only http(s) on click. */
function assertSafe(html: string): void {
  for (const [, name, attributes] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    assert.ok(TAGS.has(name.toLowerCase()), `element <${name}>`);
    for (const [, attribute, value] of attributes.matchAll(/([\w-]+)="([^"]*)"/g)) {
      assert.ok(ATTRIBUTES.has(attribute), `attribute ${attribute} on <${name}>`);
      if (attribute === 'href') assert.equal(value, '#', 'href other than #');
      if (attribute === 'data-href') assert.match(value, /^https?:\/\//, `link ${value}`);
      if (attribute === 'style') assert.match(value, /^[\w\s:;.-]*$/, 'style with url()');
    }
    assert.equal(attributes.replace(/([\w-]+)="[^"]*"/g, '').trim(), '', `unquoted attribute in <${name}${attributes}>`);
  }
}

describe('markdown renderer with untrusted model output', () => {
  const corpus: [string, string][] = [
    ['a script tag', '<script>alert(1)</script>'],
    ['an image with onerror', '<img src=x onerror="alert(1)">'],
    ['an inline markdown image', '![logo](https://tracker.example/pixel.png)'],
    ['a reference-style image', '![logo][p]\n\n[p]: https://tracker.example/pixel.png'],
    ['a javascript: link', '[click](javascript:alert(1))'],
    ['an encoded javascript: link', '[click](jav&#x61;script:alert(1))'],
    ['a data: link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a command: link', '[run](command:workbench.action.terminal.new)'],
    ['a vscode: link', '[open](vscode://file/etc/passwd)'],
    ['an autolink with javascript', '<javascript:alert(1)>'],
    ['inline SVG', '<svg onload="alert(1)"><circle r="10"/></svg>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['HTML entities', '&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;'],
    ['a style tag', '<style>body{background:url(https://evil.example/x)}</style>'],
    ['a link with a quote breakout', '[x](https://example.com/"onmouseover="alert(1))'],
    ['HTML inside a code fence', '```html\n<img src=x onerror=alert(1)><script>alert(1)</script>\n```'],
    ['raw HTML block', '<div onclick="alert(1)">hi</div>\n\n<a href="javascript:alert(1)">x</a>'],
  ];
  for (const [name, markdown] of corpus) {
    it(`renders ${name} harmlessly`, () => assertSafe(render(markdown)));
  }

  it('shows images as text with their address instead of loading them', () => {
    const html = render('![logo](https://tracker.example/pixel.png)');
    assert.match(html, /\[image: logo\] \(https:\/\/tracker\.example\/pixel\.png\)/);
  });

  it('keeps http(s) links, to be opened by the extension after a click', () => {
    const html = render('[docs](https://ollama.com/library/phi4)');
    assert.match(html, /<a href="#" class="external-link" data-href="https:\/\/ollama\.com\/library\/phi4"/);
  });

  it('marks bidi, zero-width and tag characters where they stand, without changing the code', () => {
    const code = 'const isAdmin = false; /*\u202E } \u2066if (isAdmin)\u2069 \u2066 begin admins only */ x\u200B = 1;\u{E0041}';
    const blocks: CodeBlock[] = [];
    const html = createRenderer().render(`Look\u202E here\n\n\`\`\`js\n${code}\n\`\`\`\n`, blocks);
    assert.equal(blocks[0].code, code, 'Copy / Insert / Apply get the exact characters');
    const raw = html.match(/[\u202A-\u202E\u2066-\u2069\u200B]|\u{E0041}/gu) ?? [];
    const marked =
      html.match(/<span class="invisible-char" data-code="U\+[0-9A-F]{4,5}">([\u202A-\u202E\u2066-\u2069\u200B]|\u{E0041})<\/span>/gu) ??
      [];
    assert.equal(raw.length, 7);
    assert.equal(marked.length, raw.length, 'every one is inside its marker');
    assert.match(html, /data-code="U\+202E"/);
    assert.match(html, /data-code="U\+E0041"/);
    assert.match(html, /class="code-warning"[^>]*>[^<]*invisible/);
    const plain = createRenderer().render('```js\nconst ok = 1;\n```', []);
    assert.doesNotMatch(plain, /code-warning/);
  });

  it('never puts a marker inside an attribute', () => {
    const html = createRenderer().render('[site](https://example.com/a\u202Eb)', []);
    assert.doesNotMatch(html, /"[^"]*<span/);
    assert.match(html, /data-href="https:\/\/example.com\/a%E2%80%AEb"/);
  });

  it('renders code blocks with highlighting and Copy / Insert / Apply buttons bound to the code', () => {
    const blocks: CodeBlock[] = [];
    const html = render('Try:\n\n```ts\nconst x: number = 1;\n```\n\nand\n\n```python\nprint(1)\n```', blocks);
    assert.deepEqual(blocks, [
      { code: 'const x: number = 1;', language: 'ts' },
      { code: 'print(1)', language: 'python' },
    ]);
    assert.match(html, /<button type="button" data-action="copy" data-index="0">Copy<\/button>/);
    assert.match(html, /data-action="apply" data-index="1"/);
    assert.match(html, /<span class="hljs-keyword">const<\/span>/);
  });
});

describe('streaming split', () => {
  it('hands over complete blocks once and keeps the open block as the tail', () => {
    const splitter = new StreamSplitter();
    assert.deepEqual(splitter.push('Hello'), { completed: '', tail: 'Hello', tailInFence: false });
    assert.deepEqual(splitter.push(' world\n\nNext'), { completed: 'Hello world\n\n', tail: 'Next', tailInFence: false });
    const inFence = splitter.push(' para\n\n```ts\nconst a = 1;\n\nconst b = 2;\n');
    assert.equal(inFence.completed, 'Next para\n\n');
    assert.equal(inFence.tailInFence, true, 'a blank line inside a fence does not end the block');
    const closed = splitter.push('```\nafter');
    assert.equal(closed.completed, '```ts\nconst a = 1;\n\nconst b = 2;\n```\n');
    assert.equal(closed.tail, 'after');
    assert.equal(splitter.all, 'Hello world\n\nNext para\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\nafter');
  });

  it('gives the same HTML as rendering the whole answer at once', () => {
    const answer =
      'Intro line.\n\n```js\nfunction f() {\n  return 1;\n}\n```\n\nSome **bold** text\nwith a [link](https://example.com).\n\n- a\n- b\n';
    const splitter = new StreamSplitter();
    const renderer = createRenderer();
    let html = '';
    let last = { completed: '', tail: '', tailInFence: false };
    for (let i = 0; i < answer.length; i += 3) {
      last = splitter.push(answer.slice(i, i + 3));
      if (last.completed) html += renderer.render(last.completed, []);
    }
    html += renderer.render(last.tail, []);
    assert.equal(html.replace(/\s+/g, ''), renderer.render(answer, []).replace(/\s+/g, ''));
  });
});
