// The status bar item: always says the state; a click opens the actions that fit it.
import * as vscode from 'vscode';
import { COMMANDS, STATUS_ITEM_ID } from '../../commands/common/contributionIds';
import type { UserAction } from '../../connection/common/userActions';
import { runUserAction } from '../../connection/vscode/userActionRunner';
import { Disposable, type Event } from '../../lifecycle/common/lifecycle';
import { describeStatus, type StatusView } from '../common/statusView';
import type { Connection } from '../../connection/vscode/connection';

/** What the status bar needs of the completion feature's on/off switch. */
interface CompletionSwitchView {
  readonly snoozedUntil?: number;
  readonly onDidChange: Event<void>;
  snooze(ms: number): void;
}

const t = (message: string, ...args: (string | number)[]) => vscode.l10n.t(message, ...args);

export class StatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Right, 100));
  private viewValue!: StatusView;

  constructor(
    private readonly connection: Connection,
    private readonly completions: CompletionSwitchView,
    private readonly details: () => string[] = () => [],
  ) {
    super();
    this.item.name = 'Phi Local';
    this.item.command = COMMANDS.statusMenu;
    this._register(connection.onDidChange(() => this.update()));
    this._register(completions.onDidChange(() => this.update()));
    this._register(vscode.commands.registerCommand(COMMANDS.statusMenu, () => this.showMenu()));
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
        backend: this.connection.client.kind,
        host: this.connection.client.host,
        remoteHost: this.connection.remoteHost,
        chatModel: settings.chatModel,
        completionModel: settings.completionModel,
        completionsEnabled: settings.completionEnabled,
        snoozedUntil: this.completions.snoozedUntil,
        generating: this.connection.activity.active(),
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
    const labels: Record<UserAction, string> = {
      retry: `$(refresh) ${t('Retry connection')}`,
      pullModel: `$(cloud-download) ${t('Pull model')}`,
      selectModel: `$(symbol-class) ${t('Select model…')}`,
      toggleCompletions: `$(lightbulb) ${this.connection.settings.completionEnabled ? t('Turn inline completions off') : t('Turn inline completions on')}`,
      snooze: `$(clock) ${t('Snooze inline completions for 15 minutes')}`,
      openSettings: `$(gear) ${t('Open settings')}`,
      showLog: `$(output) ${t('Show log')}`,
      installOllama: `$(link-external) ${t('Install Ollama')}`,
      setApiKey: `$(key) ${t('Set API key…')}`,
    };
    const items = this.viewValue.actions.map((action) => ({ label: labels[action], action }));
    const picked = await vscode.window.showQuickPick(items, { title: this.viewValue.tooltip.split('\n')[0], placeHolder: t('Phi Local') });
    if (picked) await runUserAction(picked.action, { snooze: () => this.completions.snooze(15 * 60_000) });
  }
}
