// Remembers recent completions: an LRU keyed on the text just before and after the cursor, and typed-ahead
// (the user types the start of a suggestion: the rest is served without asking the model again).

interface CacheKeyInput {
  readonly model: string;
  readonly prefix: string;
  readonly suffix: string;
}

const PREFIX_TAIL = 600;
const SUFFIX_HEAD = 200;
/** Characters typed into a suggestion that typed-ahead follows. */
const MAX_TYPED = 400;

export function cacheKey(input: CacheKeyInput): string {
  return `${input.model}\u0000${input.prefix.slice(-PREFIX_TAIL)}\u0000${input.suffix.slice(0, SUFFIX_HEAD)}`;
}

export class LruCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}

interface Remembered {
  readonly model: string;
  readonly prefix: string;
  readonly suffixHead: string;
  readonly completion: string;
  /** Characters after the cursor the completion replaces (they are still there while the user types). */
  readonly replace: number;
}

/** The user typed on from where a suggestion was made: what of it is still ahead of the cursor? */
export function remainderAfterTyping(typed: string, completion: string): string | undefined {
  if (!completion.startsWith(typed) || typed.length >= completion.length) return undefined;
  return completion.slice(typed.length);
}

export class TypedAhead {
  private readonly recent: Remembered[] = [];

  constructor(private readonly capacity = 8) {}

  remember(input: CacheKeyInput, completion: string, replace = 0): void {
    if (!completion) return;
    this.recent.unshift({
      model: input.model,
      prefix: input.prefix.slice(-PREFIX_TAIL),
      suffixHead: input.suffix.slice(0, SUFFIX_HEAD),
      completion,
      replace,
    });
    this.recent.length = Math.min(this.recent.length, this.capacity);
  }

  /** The rest of a remembered suggestion when the text typed since it was made is the suggestion's start. */
  match(input: CacheKeyInput): { text: string; replace: number } | undefined {
    const suffixHead = input.suffix.slice(0, SUFFIX_HEAD);
    const tail = input.prefix.slice(-(PREFIX_TAIL + MAX_TYPED));
    for (const entry of this.recent) {
      if (entry.model !== input.model || entry.suffixHead !== suffixHead) continue;
      const entryTail = entry.prefix.slice(-PREFIX_TAIL);
      for (let typedLength = 1; typedLength < entry.completion.length && typedLength <= MAX_TYPED; typedLength++) {
        if (tail.length < typedLength + entryTail.length) break;
        if (!entry.completion.startsWith(tail.slice(tail.length - typedLength))) continue;
        if (tail.slice(0, tail.length - typedLength).endsWith(entryTail)) {
          return { text: entry.completion.slice(typedLength), replace: entry.replace };
        }
      }
    }
    return undefined;
  }

  clear(): void {
    this.recent.length = 0;
  }
}
