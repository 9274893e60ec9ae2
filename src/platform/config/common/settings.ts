// The extension's settings, declared once in one table: for each, its key, its default (a unit test compares
// them with package.json), which levels may set it (settingLevels) and how its value is checked
// (settingParsers). The reader and its tests work from the table. Pure: the VS Code layer reads raw values
// and hands them here.
import { BACKEND_KINDS, type BackendKind } from '../../backend/common/modelBackend';
import { duration, flag, headerMap, integer, modelName, oneOf, stringList, url, type Parser } from './settingParsers';

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

/**
 * Which levels may set a setting: only the user's own settings (where code goes and with which credentials);
 * the user's list plus what a trusted workspace adds, never less; or the most specific level, a workspace's
 * only while it is trusted.
 */
export type SettingPolicy = 'userOnly' | 'union' | 'trustedWorkspace';

interface Declaration<T> {
  /** The key under the `phiLocal` section. */
  readonly key: string;
  readonly default: T;
  readonly level: SettingPolicy;
  readonly parse: Parser<T>;
}

type Table = { readonly [K in keyof Settings]: Declaration<Settings[K]> };

const NUM_CTX_RANGE = { min: 1024, max: 131072 } as const;

/** Secret files never read into a prompt: keys and key stores, then credential files of tools (what secret scanners look for). */
const DEFAULT_EXCLUDE: readonly string[] = [
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
  // Credential files of more tools: direnv, gh, Cargo, Vault, Terraform, Composer, gcloud, Maven, Gradle, shell histories.
  '.envrc',
  '*.env',
  '**/.config/gh/hosts.yml',
  'credentials.toml',
  '.vault-token',
  '.terraformrc',
  'terraform.rc',
  'auth.json',
  'application_default_credentials.json',
  'settings.xml',
  'settings-security.xml',
  'gradle.properties',
  '.bash_history',
  '.zsh_history',
];

export const SETTINGS: Table = {
  backend: { key: 'backend', default: 'ollama', level: 'userOnly', parse: oneOf(BACKEND_KINDS) },
  host: { key: 'ollama.host', default: 'http://127.0.0.1:11434', level: 'userOnly', parse: url('host') },
  openaiBaseUrl: { key: 'openai.baseUrl', default: 'http://127.0.0.1:8000/v1', level: 'userOnly', parse: url('baseUrl') },
  openaiContextLength: {
    key: 'openai.contextLength',
    default: 0,
    level: 'trustedWorkspace',
    parse: integer({ min: 0, max: 1_048_576 }),
  },
  headers: { key: 'ollama.headers', default: {}, level: 'userOnly', parse: headerMap },
  keepAlive: { key: 'ollama.keepAlive', default: '30m', level: 'trustedWorkspace', parse: duration },
  numCtx: { key: 'ollama.numCtx', default: 8192, level: 'trustedWorkspace', parse: integer(NUM_CTX_RANGE) },
  maxAnswerTokens: { key: 'maxAnswerTokens', default: 4096, level: 'trustedWorkspace', parse: integer({ min: 256, max: 32768 }) },
  chatModel: { key: 'chat.model', default: 'phi4', level: 'trustedWorkspace', parse: modelName },
  completionModel: { key: 'completion.model', default: 'phi4', level: 'trustedWorkspace', parse: modelName },
  completionEnabled: { key: 'completion.enabled', default: true, level: 'trustedWorkspace', parse: flag },
  debounceMs: { key: 'completion.debounceMs', default: 200, level: 'trustedWorkspace', parse: integer({ min: 0, max: 2000 }) },
  multiline: { key: 'completion.multiline', default: true, level: 'trustedWorkspace', parse: flag },
  disabledLanguages: {
    key: 'completion.disabledLanguages',
    default: ['plaintext', 'markdown', 'scminput'],
    level: 'trustedWorkspace',
    parse: stringList,
  },
  exclude: { key: 'exclude', default: DEFAULT_EXCLUDE, level: 'union', parse: stringList },
  // The file is the workspace's own and is read only in a trusted workspace anyway.
  projectInstructions: {
    key: 'chat.projectInstructions',
    default: 'auto',
    level: 'trustedWorkspace',
    parse: oneOf<ProjectInstructionsSetting>(['auto', 'off', ...PROJECT_INSTRUCTION_FILES]),
  },
};

const FIELDS = Object.keys(SETTINGS) as (keyof Settings)[];

function fromTable<V>(pick: <K extends keyof Settings>(declaration: Table[K]) => V): { readonly [K in keyof Settings]: V } {
  return Object.fromEntries(FIELDS.map((field) => [field, pick(SETTINGS[field])])) as { readonly [K in keyof Settings]: V };
}

/** Setting keys relative to the `phiLocal` section, by the field they fill. */
export const SETTING_KEYS = fromTable((d) => d.key);

export const SECTION = 'phiLocal';

export const DEFAULT_SETTINGS = Object.freeze(fromTable((d) => d.default as unknown)) as Settings;

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

/**
 * Validates raw values read from the configuration (keys as in SETTING_KEYS; a missing key means default).
 * Every bad value falls back to the default (or keeps its good part) and is reported, naming the setting.
 */
export function parseSettings(raw: Readonly<Record<string, unknown>>): { settings: Settings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const settings: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const declaration = SETTINGS[field] as Declaration<unknown>;
    const value = raw[declaration.key];
    if (value === undefined) {
      settings[field] = declaration.default;
      continue;
    }
    const parsed = declaration.parse(value, declaration.default);
    settings[field] = parsed.value;
    for (const message of parsed.problems) problems.push({ key: `${SECTION}.${declaration.key}`, message });
  }
  return { settings: Object.freeze(settings) as unknown as Settings, problems };
}
