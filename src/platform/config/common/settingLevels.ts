// Which levels of VS Code's settings each Phi Local setting may come from. A cloned repository is untrusted:
// its .vscode/settings.json never chooses where code goes or which credentials are sent (user level only),
// never shrinks the exclusions (a workspace may only add patterns), and in Restricted Mode it changes
// nothing at all. Pure: the VS Code layer hands in what `inspect()` returned.
import { SECTION, SETTING_KEYS, SETTINGS, type SettingPolicy, type Settings } from './settings';

/** One setting's values per level, as WorkspaceConfiguration.inspect() returns them. */
export interface InspectedValue {
  readonly defaultValue?: unknown;
  readonly globalValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

/** Which levels each setting may come from, as its declaration says. */
export const SETTING_POLICIES: { readonly [K in keyof Settings]: SettingPolicy } = Object.fromEntries(
  Object.entries(SETTINGS).map(([field, declaration]) => [field, declaration.level]),
) as { readonly [K in keyof Settings]: SettingPolicy };

export type SettingLevel = 'default' | 'user' | 'workspace' | 'workspaceFolder';

/** A workspace value that was not used, and why. */
export interface IgnoredValue {
  /** Full key, e.g. phiLocal.ollama.host. */
  readonly key: string;
  readonly level: 'workspace' | 'workspaceFolder';
  readonly reason: 'userOnly' | 'untrusted';
}

interface ResolvedLevels {
  /** Raw values keyed as in SETTING_KEYS, for parseSettings. */
  readonly raw: Record<string, unknown>;
  /** Where each effective value came from (for writing a setting back where it lives). */
  readonly origins: Record<string, SettingLevel>;
  readonly ignored: readonly IgnoredValue[];
}

function workspaceLevels(value: InspectedValue): { level: 'workspace' | 'workspaceFolder'; value: unknown }[] {
  const levels: { level: 'workspace' | 'workspaceFolder'; value: unknown }[] = [];
  if (value.workspaceValue !== undefined) levels.push({ level: 'workspace', value: value.workspaceValue });
  if (value.workspaceFolderValue !== undefined) levels.push({ level: 'workspaceFolder', value: value.workspaceFolderValue });
  return levels;
}

/** The effective raw value of every setting under its policy. */
export function resolveLevels(inspected: Readonly<Record<string, InspectedValue | undefined>>, trusted: boolean): ResolvedLevels {
  const raw: Record<string, unknown> = {};
  const origins: Record<string, SettingLevel> = {};
  const ignored: IgnoredValue[] = [];
  for (const [field, key] of Object.entries(SETTING_KEYS) as [keyof Settings, string][]) {
    const value = inspected[key] ?? {};
    const policy = SETTING_POLICIES[field];
    const user = value.globalValue;
    const base = user !== undefined ? user : value.defaultValue;
    const baseOrigin: SettingLevel = user !== undefined ? 'user' : 'default';
    const workspace = workspaceLevels(value);
    const refuse = (reason: IgnoredValue['reason']) => {
      for (const { level } of workspace) ignored.push({ key: `${SECTION}.${key}`, level, reason });
    };
    if (policy === 'userOnly' || (!trusted && workspace.length)) {
      if (policy === 'userOnly') refuse('userOnly');
      else refuse('untrusted');
      raw[key] = base;
      origins[key] = baseOrigin;
    } else if (policy === 'union') {
      const lists = [base, ...workspace.map((w) => w.value)];
      // A malformed list is passed on as it is, so that parseSettings reports it and falls back.
      raw[key] = lists.every((list) => list === undefined || Array.isArray(list))
        ? [...new Set(lists.flatMap((list) => (Array.isArray(list) ? (list as unknown[]) : [])))]
        : lists.find((list) => list !== undefined && !Array.isArray(list));
      origins[key] = baseOrigin;
    } else {
      const specific = workspace.at(-1);
      raw[key] = specific ? specific.value : base;
      origins[key] = specific ? specific.level : baseOrigin;
    }
    if (raw[key] === undefined) delete raw[key];
  }
  return { raw, origins, ignored };
}
