// The only caller of getConfiguration('phiLocal'): reads, validates (common/settings) and announces changes.
import * as vscode from 'vscode';
import { Disposable, Emitter } from '../../lifecycle/common/lifecycle';
import { parseSettings, SECTION, SETTING_KEYS, type Settings } from '../common/settings';

export class Config extends Disposable {
  private settingsValue: Settings;
  private readonly warned = new Set<string>();
  private readonly _onDidChange = this._register(new Emitter<Settings>());
  /** Fires with the new settings after any phiLocal.* setting changed. */
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this.settingsValue = this.read();
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(SECTION)) return;
        this.settingsValue = this.read();
        this._onDidChange.fire(this.settingsValue);
      }),
    );
  }

  get current(): Settings {
    return this.settingsValue;
  }

  /** Writes a setting at user level (global), e.g. after "Select Model". */
  async update<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update(SETTING_KEYS[key], value, vscode.ConfigurationTarget.Global);
  }

  private read(): Settings {
    const configuration = vscode.workspace.getConfiguration(SECTION);
    const raw: Record<string, unknown> = {};
    for (const key of Object.values(SETTING_KEYS)) raw[key] = configuration.get(key);
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
}
