// A conversation as a Markdown document, for "Export Chat": headings per turn, the context each question
// carried (by label, not its text), answers as the model wrote them, stopped and failed answers marked. Pure.
import type { Conversation } from './conversation';

interface ExportLabels {
  readonly you: string;
  readonly assistant: string;
  readonly context: string;
  readonly stopped: string;
  readonly failed: string;
}

export function conversationMarkdown(conversation: Conversation, labels: ExportLabels, date: string): string {
  const parts = [`# ${conversation.title.replace(/\n/g, ' ')}`, `_${date}_`];
  for (const message of conversation.messages) {
    if (message.role === 'user') {
      parts.push(`## ${labels.you}`);
      if (message.context?.length) parts.push(`${labels.context}: ${message.context.map((c) => `\`${c.label}\``).join(', ')}`);
      parts.push(message.content.trim());
    } else {
      parts.push(`## ${labels.assistant}`);
      if (message.content.trim()) parts.push(message.content.trim());
      if (message.status === 'stopped') parts.push(`_${labels.stopped}_`);
      if (message.status === 'error') parts.push(`_${labels.failed}${message.error ? `: ${message.error.message}` : ''}_`);
    }
  }
  return `${parts.join('\n\n')}\n`;
}

/** A file name from the title: letters, digits and dashes, at most 60 characters. */
export function exportFileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'chat'}.md`;
}
