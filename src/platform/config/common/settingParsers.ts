// How each kind of setting value is checked: a parser takes the raw value (never undefined: a missing value is
// the default) and the default, and gives the value to use and, for a bad value, what was wrong (the default
// or the good part is used instead). Pure.
import { normaliseBaseUrl, normaliseHost } from './hosts';

interface Parsed<T> {
  readonly value: T;
  /** What was wrong, as the sentence after the setting's name; empty when the value was good. */
  readonly problems: readonly string[];
}

export type Parser<T> = (raw: unknown, fallback: T) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ value, problems: [] });
const instead = <T>(fallback: T, problem: string): Parsed<T> => ({ value: fallback, problems: [problem] });

/** An http(s) URL, normalised (Ollama's host rules, or a base URL ending in /v1). */
export function url(normalise: 'host' | 'baseUrl'): Parser<string> {
  return (raw, fallback) => {
    const normalised = typeof raw === 'string' ? (normalise === 'host' ? normaliseHost(raw) : normaliseBaseUrl(raw)) : undefined;
    return normalised ? ok(normalised) : instead(fallback, `"${String(raw)}" is not an http(s) URL; using ${fallback}.`);
  };
}

/** One of a closed list of words. */
export function oneOf<T extends string>(choices: readonly T[]): Parser<T> {
  return (raw, fallback) =>
    typeof raw === 'string' && (choices as readonly string[]).includes(raw)
      ? ok(raw as T)
      : instead(fallback, `"${String(raw)}" is not one of ${choices.join(', ')}; using ${fallback}.`);
}

/** A whole number within a range. */
export function integer(range: { readonly min: number; readonly max: number }): Parser<number> {
  return (raw, fallback) =>
    typeof raw === 'number' && Number.isInteger(raw) && raw >= range.min && raw <= range.max
      ? ok(raw)
      : instead(fallback, `${String(raw)} is not a whole number from ${range.min} to ${range.max}; using ${fallback}.`);
}

export const flag: Parser<boolean> = (raw, fallback) =>
  typeof raw === 'boolean' ? ok(raw) : instead(fallback, `must be true or false; using ${String(fallback)}.`);

/** A model name: one word, trimmed. */
export const modelName: Parser<string> = (raw, fallback) =>
  typeof raw === 'string' && raw.trim() && !/\s/.test(raw.trim())
    ? ok(raw.trim())
    : instead(fallback, `"${String(raw)}" is not a model name; using ${fallback}.`);

/** A list of strings, each trimmed, empty ones left out. */
export const stringList: Parser<readonly string[]> = (raw, fallback) =>
  Array.isArray(raw) && raw.every((item) => typeof item === 'string')
    ? ok(Object.freeze(raw.map((item: string) => item.trim()).filter(Boolean)))
    : instead(fallback, 'must be a list of strings; using the default list.');

const GO_DURATION = /^-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** Ollama's keep_alive: a Go duration (30m, 1h30m, -1s) or whole seconds. */
export const duration: Parser<string | number> = (raw, fallback) => {
  if (typeof raw === 'string' && GO_DURATION.test(raw.trim())) return ok(raw.trim());
  if (typeof raw === 'string' && /^-?\d+$/.test(raw.trim())) return ok(Number(raw.trim()));
  if (typeof raw === 'number' && Number.isInteger(raw)) return ok(raw);
  return instead(fallback, `"${String(raw)}" is not a duration like 30m, 1h or -1; using ${fallback}.`);
};

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** HTTP headers: each bad one is left out (and said), the good ones kept. */
export const headerMap: Parser<Readonly<Record<string, string>>> = (raw) => {
  if (raw === null) return ok(Object.freeze({}));
  if (typeof raw !== 'object' || Array.isArray(raw))
    return instead(Object.freeze({}), 'must be an object of header names to string values; sending no extra headers.');
  const headers: Record<string, string> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value !== 'string' || !HEADER_NAME.test(name) || /[\r\n]/.test(value)) {
      problems.push(`header "${name}" is not a valid name with a string value; it is left out.`);
      continue;
    }
    headers[name] = value;
  }
  return { value: Object.freeze(headers), problems };
};
