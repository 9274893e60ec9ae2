// The only caller of getConfiguration('phiLocal'): reads every level of every setting, keeps what each may
// take from a workspace (common/settingLevels), validates (common/settings) and announces changes.
import * as vscode from 'vscode';
import { Disposable, Emitter } from '../../lifecycle/common/lifecycle';
import { resolveLevels, type IgnoredValue, type InspectedValue, type SettingLevel } from '../common/settingLevels';
import { effectiveSettings, parseSettings, SECTION, SETTING_KEYS, type Settings } from '../common/settings';

export class Config extends Disposable {
  private settingsValue: Settings;
  private origins: Record<string, SettingLevel> = {};
  private readonly warned = new Set<string>();
  private readonly _onDidChange = this._register(new Emitter<Settings>());
  /** Fires with the new settings after any phiLocal.* setting changed, or the workspace became trusted. */
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this.settingsValue = effectiveSettings(this.read());
    const reread = () => {
      this.settingsValue = effectiveSettings(this.read());
      this._onDidChange.fire(this.settingsValue);
    };
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SECTION)) reread();
      }),
    );
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(reread));
  }

  /**
   * The settings as the user wrote them (validated, workspace levels applied). The context window a team
   * server reports is the connection's state: plan prompts with `connection.settings`.
   */
  get current(): Settings {
    return this.settingsValue;
  }

  /**
   * Writes a setting where its effective value comes from: the workspace's settings when a (trusted) workspace
   * sets it, else the user's. A folder's own setting cannot be written from here: the user is told it wins.
   */
  async update<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
    const name = SETTING_KEYS[key];
    const origin = this.origins[name];
    const target = origin === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration(SECTION).update(name, value, target);
    if (origin === 'workspaceFolder') {
      const message = vscode.l10n.t(
        'A workspace folder sets {0}.{1}, which overrides the value Phi Local just saved in your user settings.',
        SECTION,
        name,
      );
      void vscode.window.showWarningMessage(message);
    }
  }

  private read(): Settings {
    const configuration = vscode.workspace.getConfiguration(SECTION);
    const inspected: Record<string, InspectedValue | undefined> = {};
    for (const key of Object.values(SETTING_KEYS)) inspected[key] = configuration.inspect(key);
    const { raw, origins, ignored } = resolveLevels(inspected, vscode.workspace.isTrusted);
    this.origins = origins;
    for (const value of ignored) this.reportIgnored(value);
    const { settings, problems } = parseSettings(raw);
    for (const problem of problems) {
      const text = `${problem.key}: ${problem.message}`;
      this.log.warn(text);
      if (this.warned.has(text)) continue;
      this.warned.add(text);
      const open = vscode.l10n.t('Open Settings');
      void vscode.window.showWarningMessage(vscode.l10n.t('Phi Local setting {0}', text), open).then((choice) => {
        if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', problem.key);
      });
    }
    return settings;
  }

  /** A workspace value that is not used: logged with the file it sits in; the user is told once per setting. */
  private reportIgnored(value: IgnoredValue): void {
    const file = settingsFile(value.level);
    if (value.reason === 'untrusted') {
      this.log.info(`${value.key} in ${file} is not used: the workspace is not trusted (Restricted Mode)`);
      return;
    }
    this.log.warn(`${value.key} in ${file} is ignored: only your user settings choose where code goes and which credentials are sent`);
    const once = `ignored:${value.key}`;
    if (this.warned.has(once)) return;
    this.warned.add(once);
    void vscode.window.showWarningMessage(vscode.l10n.t('This workspace tries to change {0}; Phi Local ignores it.', value.key));
  }
}

/** Where a workspace-level setting lives, for the log. */
function settingsFile(level: IgnoredValue['level']): string {
  const workspaceFile = vscode.workspace.workspaceFile;
  if (level === 'workspace' && workspaceFile && workspaceFile.scheme === 'file') return workspaceFile.fsPath;
  const folder = vscode.workspace.workspaceFolders?.[0];
  const settings = folder ? vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json').fsPath : '.vscode/settings.json';
  return level === 'workspace' ? settings : `the .vscode/settings.json of a workspace folder (e.g. ${settings})`;
}
