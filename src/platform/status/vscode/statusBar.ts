// The status bar item: always says the state; a click opens the actions that fit it.
import * as vscode from 'vscode';
import { describeStatus, type StatusAction, type StatusView } from '../common/statusView';
import { INSTALL_OLLAMA_URL, type Connection } from '../../connection/vscode/connection';

/** What the status bar needs of the completion feature's on/off switch. */
export interface CompletionSwitchView {
  readonly snoozedUntil?: number;
  readonly onDidChange: vscode.Event<void>;
  snooze(ms: number): void;
}

const t = (message: string, ...args: (string | number)[]) => vscode.l10n.t(message, ...args);

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('phiLocal.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private viewValue!: StatusView;

  constructor(
    private readonly connection: Connection,
    private readonly completions: CompletionSwitchView,
    private readonly details: () => string[] = () => [],
  ) {
    this.item.name = 'Phi Local';
    this.item.command = 'phiLocal.statusMenu';
    this.disposables.push(this.item, connection.onDidChange(() => this.update()), completions.onDidChange(() => this.update()));
    this.update();
    this.item.show();
  }

  get view(): StatusView {
    return this.viewValue;
  }

  update(): void {
    const settings = this.connection.settings;
    this.viewValue = describeStatus(
      {
        connection: this.connection.state,
        host: this.connection.client.host,
        remoteHost: this.connection.remoteHost,
        chatModel: settings.chatModel,
        completionModel: settings.completionModel,
        completionsEnabled: settings.completionEnabled,
        snoozedUntil: this.completions.snoozedUntil,
        generating: this.connection.active(),
        version: this.connection.version,
        now: Date.now(),
        details: this.details(),
      },
      t,
    );
    this.item.text = this.viewValue.text;
    this.item.tooltip = this.viewValue.tooltip;
    this.item.backgroundColor =
      this.viewValue.severity === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : this.viewValue.severity === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.accessibilityInformation = { label: `Phi Local: ${this.viewValue.tooltip.split('\n')[0]}` };
  }

  /** The quick pick behind a click on the item. */
  async showMenu(): Promise<void> {
    const labels: Record<StatusAction, string> = {
      retry: `$(refresh) ${t('Retry connection')}`,
      pullModel: `$(cloud-download) ${t('Pull model')}`,
      selectModel: `$(symbol-class) ${t('Select model…')}`,
      toggleCompletions: `$(lightbulb) ${this.connection.settings.completionEnabled ? t('Turn inline completions off') : t('Turn inline completions on')}`,
      snooze: `$(clock) ${t('Snooze inline completions for 15 minutes')}`,
      openSettings: `$(gear) ${t('Open settings')}`,
      showLog: `$(output) ${t('Show log')}`,
      installOllama: `$(link-external) ${t('Install Ollama')}`,
    };
    const items = this.viewValue.actions.map((action) => ({ label: labels[action], action }));
    const picked = await vscode.window.showQuickPick(items, { title: this.viewValue.tooltip.split('\n')[0], placeHolder: t('Phi Local') });
    if (picked) await runStatusAction(picked.action, this.completions);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export async function runStatusAction(action: StatusAction, completions: CompletionSwitchView): Promise<void> {
  switch (action) {
    case 'retry':
      return void (await vscode.commands.executeCommand('phiLocal.retry'));
    case 'pullModel':
      return void (await vscode.commands.executeCommand('phiLocal.pullModel'));
    case 'selectModel':
      return void (await vscode.commands.executeCommand('phiLocal.selectModel'));
    case 'toggleCompletions':
      return void (await vscode.commands.executeCommand('phiLocal.toggleCompletions'));
    case 'snooze':
      return completions.snooze(15 * 60_000);
    case 'openSettings':
      return void (await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:phi-local.phi-local'));
    case 'showLog':
      return void (await vscode.commands.executeCommand('phiLocal.showLog'));
    case 'installOllama':
      return void (await vscode.env.openExternal(vscode.Uri.parse(INSTALL_OLLAMA_URL)));
    default: {
      const unknown: never = action;
      throw new Error(`unknown status action ${String(unknown)}`);
    }
  }
}
