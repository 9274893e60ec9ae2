// The only caller of getConfiguration('phiLocal'): reads, validates (core/settings) and announces changes.
import * as vscode from 'vscode';
import { parseSettings, SECTION, SETTING_KEYS, type Settings } from '../common/settings';

export class Config implements vscode.Disposable {
  private settingsValue: Settings;
  private readonly warned = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<Settings>();
  private readonly subscription: vscode.Disposable;
  /** Fires with the new settings after any phiLocal.* setting changed. */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.settingsValue = this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      this.settingsValue = this.read();
      this.emitter.fire(this.settingsValue);
    });
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

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
