// Markdown → HTML for untrusted model output. No raw HTML (markdown-it `html: false` escapes it), no images
// (shown as text with their address, never fetched), links only http(s) and only as `data-href` that the
// extension opens after a click, invisible and bidi control characters marked where they stand. Pure: no DOM, unit-tested in Node.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import MarkdownIt from 'markdown-it';
import { isSafeLink } from '../common/chatProtocol';

const LANGUAGES = {
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  kotlin,
  php,
  python,
  ruby,
  rust,
  sql,
  swift,
  typescript,
  xml,
  yaml,
};
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);
hljs.registerAliases(['ts', 'tsx', 'typescriptreact'], { languageName: 'typescript' });
hljs.registerAliases(['js', 'jsx', 'mjs', 'cjs', 'javascriptreact'], { languageName: 'javascript' });
hljs.registerAliases(['py'], { languageName: 'python' });
hljs.registerAliases(['sh', 'shell', 'zsh', 'shellscript'], { languageName: 'bash' });
hljs.registerAliases(['rs'], { languageName: 'rust' });
hljs.registerAliases(['cs', 'c#'], { languageName: 'csharp' });
hljs.registerAliases(['html', 'svg'], { languageName: 'xml' });
hljs.registerAliases(['yml'], { languageName: 'yaml' });
hljs.registerAliases(['c++', 'cc', 'hpp', 'h'], { languageName: 'cpp' });

export interface CodeBlock {
  readonly code: string;
  readonly language: string;
}

/**
 * Characters that change how text reads without being seen: bidi controls (the "Trojan Source" trick),
 * zero-width characters and Unicode tag characters (hidden instructions).
 */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]|[\u{E0000}-\u{E007F}]/gu;

function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}

function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Shows each invisible character where it stands, as a marker element around the character itself: the text
 * is unchanged (Copy, Insert and Apply get exactly what the model wrote), the marker isolates its bidi effect
 * and CSS draws its code point. Runs on rendered HTML, whose attributes carry such characters only as
 * entities (escapeAttribute), so every raw one is in text.
 */
function markInvisible(html: string): string {
  return html.replace(INVISIBLE, (ch) => `<span class="invisible-char" data-code="${codePointLabel(ch)}">${ch}</span>`);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Escapes an attribute value; invisible characters become entities so that no marker lands inside it. */
function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(INVISIBLE, (ch) => `&#x${(ch.codePointAt(0) ?? 0).toString(16)};`);
}

function highlight(code: string, language: string): string {
  const lang = language.toLowerCase();
  if (lang && hljs.getLanguage(lang)) {
    try {
      return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
    } catch {
      // fall back to plain text
    }
  }
  return escapeHtml(code);
}

interface Renderer {
  /**
   * Renders `markdown`; code blocks are appended to `blocks` and their buttons carry the index.
   * `highlightCode: false` renders code as plain text (cheap, for a block still streaming).
   */
  render(markdown: string, blocks: CodeBlock[], highlightCode?: boolean): string;
}

export function createRenderer(
  labels: { copy: string; insert: string; apply: string; invisible?: string } = { copy: 'Copy', insert: 'Insert', apply: 'Apply' },
): Renderer {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  md.validateLink = (url) => isSafeLink(url);
  let sink: CodeBlock[] = [];
  let highlightCode = true;

  md.renderer.rules.link_open = (tokens, index) => {
    const href = tokens[index].attrGet('href') ?? '';
    return `<a href="#" class="external-link" data-href="${escapeAttribute(href)}" title="${escapeAttribute(href)}">`;
  };
  md.renderer.rules.image = (tokens, index) => {
    const token = tokens[index];
    const alt = token.children?.map((child) => child.content).join('') ?? '';
    const src = token.attrGet('src') ?? '';
    return `<span class="image-ref" title="Images from the model are not loaded">[image: ${escapeHtml(alt)}] (${escapeHtml(src)})</span>`;
  };
  md.renderer.rules.fence = (tokens, index) => {
    const token = tokens[index];
    const language = token.info.trim().split(/\s+/)[0] ?? '';
    const code = token.content.replace(/\n$/, '');
    const blockIndex = sink.length;
    sink.push({ code, language });
    const body = highlightCode ? highlight(code, language) : escapeHtml(code);
    const tag = language ? `<span class="code-language">${escapeHtml(language)}</span>` : '';
    const invisible =
      labels.invisible ?? 'This code contains invisible or direction-changing characters: it may not do what it looks like.';
    const warning = hasInvisible(code) ? `<div class="code-warning" role="note">${escapeHtml(invisible)}</div>` : '';
    return (
      warning +
      `<div class="code-block" data-index="${blockIndex}">` +
      `<div class="code-toolbar">${tag}` +
      `<button type="button" data-action="copy" data-index="${blockIndex}">${escapeHtml(labels.copy)}</button>` +
      `<button type="button" data-action="insert" data-index="${blockIndex}">${escapeHtml(labels.insert)}</button>` +
      `<button type="button" data-action="apply" data-index="${blockIndex}">${escapeHtml(labels.apply)}</button>` +
      `</div><pre><code class="hljs">${body}</code></pre></div>`
    );
  };
  md.renderer.rules.code_block = md.renderer.rules.fence;

  return {
    render(markdown, blocks, highlightBlocks = true) {
      sink = blocks;
      highlightCode = highlightBlocks;
      return markInvisible(md.render(markdown));
    },
  };
}

/**
 * Splits a growing answer into blocks that are complete (they will not change) and the open tail, so each
 * token re-renders only the tail. Incremental: each call scans only the new text.
 */
export class StreamSplitter {
  private text = '';
  private scanned = 0;
  private inFence = false;
  private fenceMarker = '';
  private stableEnd = 0;

  /** Appends text; returns the newly completed part (possibly empty) and the open tail. */
  push(chunk: string): { completed: string; tail: string; tailInFence: boolean } {
    this.text += chunk;
    const before = this.stableEnd;
    // Scan whole lines only.
    for (let newline = this.text.indexOf('\n', this.scanned); newline >= 0; newline = this.text.indexOf('\n', this.scanned)) {
      const line = this.text.slice(this.scanned, newline);
      const lineEnd = newline + 1;
      const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (this.inFence) {
        if (
          fence &&
          fence[1][0] === this.fenceMarker[0] &&
          fence[1].length >= this.fenceMarker.length &&
          !line.slice(fence[0].length).trim()
        ) {
          this.inFence = false;
          this.stableEnd = lineEnd;
        }
      } else if (fence) {
        this.inFence = true;
        this.fenceMarker = fence[1];
      } else if (!line.trim()) {
        this.stableEnd = lineEnd;
      }
      this.scanned = lineEnd;
    }
    return { completed: this.text.slice(before, this.stableEnd), tail: this.text.slice(this.stableEnd), tailInFence: this.inFence };
  }

  get all(): string {
    return this.text;
  }
}
