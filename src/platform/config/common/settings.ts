// The extension's settings, declared once: keys, defaults (a unit test compares them with package.json)
// and validation. Pure: the VS Code layer reads raw values and hands them here.
import { BACKEND_KINDS, type BackendKind } from '../../backend/common/modelBackend';
import { normaliseBaseUrl, normaliseHost } from './hosts';

export interface Settings {
  /** Which server runs the models: Ollama, or an OpenAI-compatible server (vLLM, llama.cpp, LM Studio). */
  readonly backend: BackendKind;
  readonly host: string;
  /** The OpenAI-compatible server's base URL, ending in /v1. */
  readonly openaiBaseUrl: string;
  /** The OpenAI-compatible server's context window; 0: as the server says, else phiLocal.ollama.numCtx. */
  readonly openaiContextLength: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly keepAlive: string | number;
  readonly numCtx: number;
  readonly maxAnswerTokens: number;
  readonly chatModel: string;
  readonly completionModel: string;
  readonly completionEnabled: boolean;
  readonly debounceMs: number;
  readonly multiline: boolean;
  readonly disabledLanguages: readonly string[];
  readonly exclude: readonly string[];
  readonly projectInstructions: ProjectInstructionsSetting;
}

/** Which project instructions file goes into chat and edit prompts: the first found, one of them, or none. */
export const PROJECT_INSTRUCTION_FILES = ['AGENTS.md', '.github/copilot-instructions.md', '.philocal/instructions.md'] as const;
export type ProjectInstructionsSetting = 'auto' | 'off' | (typeof PROJECT_INSTRUCTION_FILES)[number];

/** Setting keys relative to the `phiLocal` section, mapped to the field they fill. */
export const SETTING_KEYS = {
  backend: 'backend',
  host: 'ollama.host',
  openaiBaseUrl: 'openai.baseUrl',
  openaiContextLength: 'openai.contextLength',
  headers: 'ollama.headers',
  keepAlive: 'ollama.keepAlive',
  numCtx: 'ollama.numCtx',
  maxAnswerTokens: 'maxAnswerTokens',
  chatModel: 'chat.model',
  completionModel: 'completion.model',
  completionEnabled: 'completion.enabled',
  debounceMs: 'completion.debounceMs',
  multiline: 'completion.multiline',
  disabledLanguages: 'completion.disabledLanguages',
  exclude: 'exclude',
  projectInstructions: 'chat.projectInstructions',
} as const satisfies Record<keyof Settings, string>;

export const SECTION = 'phiLocal';

export const DEFAULT_SETTINGS: Settings = {
  backend: 'ollama',
  host: 'http://127.0.0.1:11434',
  openaiBaseUrl: 'http://127.0.0.1:8000/v1',
  openaiContextLength: 0,
  headers: {},
  keepAlive: '30m',
  numCtx: 8192,
  maxAnswerTokens: 4096,
  chatModel: 'phi4',
  completionModel: 'phi4',
  completionEnabled: true,
  debounceMs: 200,
  multiline: true,
  disabledLanguages: ['plaintext', 'markdown', 'scminput'],
  projectInstructions: 'auto',
  // Keys and key stores, then credential files of tools (what secret scanners look for).
  exclude: [
    '*.pem',
    '*.key',
    '*.p12',
    '*.pfx',
    '*.jks',
    '*.keystore',
    '*.kdbx',
    '*.ovpn',
    'id_rsa*',
    'id_dsa*',
    'id_ecdsa*',
    'id_ed25519*',
    '.env',
    '.env.*',
    '.npmrc',
    '.yarnrc.yml',
    '.netrc',
    '_netrc',
    '.pypirc',
    '.git-credentials',
    '.pgpass',
    '.my.cnf',
    '.htpasswd',
    'credentials*.json',
    'client_secret*.json',
    'service-account*.json',
    '*.tfstate',
    '*.tfstate.*',
    '*.tfvars',
    '**/.terraform/**',
    '**/.docker/config.json',
    '**/.kube/config',
    '**/.aws/**',
    '**/.ssh/**',
    '**/.gnupg/**',
    '**/secrets/**',
  ],
};

const NUM_CTX_RANGE = { min: 1024, max: 131072 } as const;
const MAX_ANSWER_RANGE = { min: 256, max: 32768 } as const;
const DEBOUNCE_RANGE = { min: 0, max: 2000 } as const;
const OPENAI_CONTEXT_RANGE = { min: 0, max: 1_048_576 } as const;

/**
 * The settings as the prompts plan with them: with an OpenAI-compatible server, `numCtx` is its model's window —
 * phiLocal.openai.contextLength when set, else what the server reports (`serverContext`), else
 * phiLocal.ollama.numCtx — within NUM_CTX_RANGE.
 */
export function effectiveSettings(settings: Settings, serverContext?: number): Settings {
  if (settings.backend !== 'openai-compatible') return settings;
  const window = settings.openaiContextLength || serverContext;
  if (!window) return settings;
  const numCtx = Math.min(Math.max(window, NUM_CTX_RANGE.min), NUM_CTX_RANGE.max);
  return numCtx === settings.numCtx ? settings : Object.freeze({ ...settings, numCtx });
}

/** One setting that was wrong, with the value used instead. */
interface SettingProblem {
  readonly key: string;
  readonly message: string;
}

interface ParsedSettings {
  readonly settings: Settings;
  readonly problems: readonly SettingProblem[];
}

const GO_DURATION = /^-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * Validates raw values read from the configuration (keys as in SETTING_KEYS; a missing key means default).
 * Every bad value falls back to the default and is reported once, naming the setting.
 */
export function parseSettings(raw: Readonly<Record<string, unknown>>): ParsedSettings {
  const problems: SettingProblem[] = [];
  const d = DEFAULT_SETTINGS;
  const full = (key: string) => `${SECTION}.${key}`;
  const bad = (key: string, message: string) => problems.push({ key: full(key), message });
  const get = (key: string) => raw[key];

  let host = d.host;
  const rawHost = get(SETTING_KEYS.host);
  if (rawHost !== undefined) {
    const normalised = typeof rawHost === 'string' ? normaliseHost(rawHost) : undefined;
    if (normalised) host = normalised;
    else bad(SETTING_KEYS.host, `"${String(rawHost)}" is not an http(s) URL; using ${d.host}.`);
  }

  let backend = d.backend;
  const rawBackend = get(SETTING_KEYS.backend);
  if (rawBackend !== undefined) {
    if (typeof rawBackend === 'string' && (BACKEND_KINDS as readonly string[]).includes(rawBackend)) backend = rawBackend as BackendKind;
    else bad(SETTING_KEYS.backend, `"${String(rawBackend)}" is not one of ${BACKEND_KINDS.join(', ')}; using ${d.backend}.`);
  }
  let openaiBaseUrl = d.openaiBaseUrl;
  const rawBaseUrl = get(SETTING_KEYS.openaiBaseUrl);
  if (rawBaseUrl !== undefined) {
    const normalised = typeof rawBaseUrl === 'string' ? normaliseBaseUrl(rawBaseUrl) : undefined;
    if (normalised) openaiBaseUrl = normalised;
    else bad(SETTING_KEYS.openaiBaseUrl, `"${String(rawBaseUrl)}" is not an http(s) URL; using ${d.openaiBaseUrl}.`);
  }

  let headers: Record<string, string> = {};
  const rawHeaders = get(SETTING_KEYS.headers);
  if (rawHeaders !== undefined && rawHeaders !== null) {
    if (typeof rawHeaders !== 'object' || Array.isArray(rawHeaders)) {
      bad(SETTING_KEYS.headers, 'must be an object of header names to string values; sending no extra headers.');
    } else {
      for (const [name, value] of Object.entries(rawHeaders as Record<string, unknown>)) {
        if (typeof value !== 'string' || !HEADER_NAME.test(name) || /[\r\n]/.test(value)) {
          bad(SETTING_KEYS.headers, `header "${name}" is not a valid name with a string value; it is left out.`);
          continue;
        }
        headers[name] = value;
      }
    }
  }
  headers = Object.freeze(headers) as Record<string, string>;

  let keepAlive: string | number = d.keepAlive;
  const rawKeepAlive = get(SETTING_KEYS.keepAlive);
  if (rawKeepAlive !== undefined) {
    if (typeof rawKeepAlive === 'string' && GO_DURATION.test(rawKeepAlive.trim())) keepAlive = rawKeepAlive.trim();
    else if (typeof rawKeepAlive === 'string' && /^-?\d+$/.test(rawKeepAlive.trim())) keepAlive = Number(rawKeepAlive.trim());
    else if (typeof rawKeepAlive === 'number' && Number.isInteger(rawKeepAlive)) keepAlive = rawKeepAlive;
    else bad(SETTING_KEYS.keepAlive, `"${String(rawKeepAlive)}" is not a duration like 30m, 1h or -1; using ${d.keepAlive}.`);
  }

  const integer = (key: string, fallback: number, range: { min: number; max: number }): number => {
    const value = get(key);
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max) return value;
    bad(key, `${String(value)} is not a whole number from ${range.min} to ${range.max}; using ${fallback}.`);
    return fallback;
  };
  const numCtx = integer(SETTING_KEYS.numCtx, d.numCtx, NUM_CTX_RANGE);
  const debounceMs = integer(SETTING_KEYS.debounceMs, d.debounceMs, DEBOUNCE_RANGE);
  const maxAnswerTokens = integer(SETTING_KEYS.maxAnswerTokens, d.maxAnswerTokens, MAX_ANSWER_RANGE);
  const openaiContextLength = integer(SETTING_KEYS.openaiContextLength, d.openaiContextLength, OPENAI_CONTEXT_RANGE);

  const model = (key: string, fallback: string): string => {
    const value = get(key);
    if (value === undefined) return fallback;
    if (typeof value === 'string' && value.trim() && !/\s/.test(value.trim())) return value.trim();
    bad(key, `"${String(value)}" is not a model name; using ${fallback}.`);
    return fallback;
  };
  const chatModel = model(SETTING_KEYS.chatModel, d.chatModel);
  const completionModel = model(SETTING_KEYS.completionModel, d.completionModel);

  const flag = (key: string, fallback: boolean): boolean => {
    const value = get(key);
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    bad(key, `must be true or false; using ${String(fallback)}.`);
    return fallback;
  };
  const completionEnabled = flag(SETTING_KEYS.completionEnabled, d.completionEnabled);
  const multiline = flag(SETTING_KEYS.multiline, d.multiline);

  const list = (key: string, fallback: readonly string[]): readonly string[] => {
    const value = get(key);
    if (value === undefined) return fallback;
    if (isStringArray(value)) return Object.freeze(value.map((item) => item.trim()).filter(Boolean));
    bad(key, 'must be a list of strings; using the default list.');
    return fallback;
  };
  const disabledLanguages = list(SETTING_KEYS.disabledLanguages, d.disabledLanguages);
  const exclude = list(SETTING_KEYS.exclude, d.exclude);

  let projectInstructions = d.projectInstructions;
  const rawInstructions = get(SETTING_KEYS.projectInstructions);
  if (rawInstructions !== undefined) {
    const choices: readonly string[] = ['auto', 'off', ...PROJECT_INSTRUCTION_FILES];
    if (typeof rawInstructions === 'string' && choices.includes(rawInstructions))
      projectInstructions = rawInstructions as ProjectInstructionsSetting;
    else
      bad(
        SETTING_KEYS.projectInstructions,
        `"${String(rawInstructions)}" is not one of ${choices.join(', ')}; using ${d.projectInstructions}.`,
      );
  }

  return {
    settings: Object.freeze({
      backend,
      host,
      openaiBaseUrl,
      openaiContextLength,
      headers,
      keepAlive,
      numCtx,
      maxAnswerTokens,
      chatModel,
      completionModel,
      completionEnabled,
      debounceMs,
      multiline,
      disabledLanguages,
      exclude,
      projectInstructions,
    }),
    problems,
  };
}
