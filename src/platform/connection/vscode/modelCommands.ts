// "Select Model…" and "Pull Model": the commands that manage which Ollama models the extension uses.
import * as vscode from 'vscode';
import { formatBytes, sameModelName } from '../../ollama/common/modelInfo';
import type { Settings } from '../../config/common/settings';
import { OllamaFailure } from '../../ollama/node/classifyFailure';
import type { Config } from '../../config/vscode/config';
import type { Connection } from './connection';

export type ModelTarget = 'chat' | 'completion' | 'both';

export interface SelectModelArgs {
  target?: ModelTarget;
  model?: string;
}

export async function selectModel(connection: Connection, config: Config, args: SelectModelArgs = {}): Promise<void> {
  const settings = config.current;
  let target = args.target;
  if (!target) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('Chat, explain and refactor'), description: settings.chatModel, target: 'chat' as const },
        { label: vscode.l10n.t('Inline completions'), description: settings.completionModel, target: 'completion' as const },
        { label: vscode.l10n.t('Both'), target: 'both' as const },
      ],
      { title: vscode.l10n.t('Phi Local: Select Model'), placeHolder: vscode.l10n.t('Which model do you want to change?') },
    );
    if (!picked) return;
    target = picked.target;
  }
  let model = args.model;
  if (!model) {
    let installed;
    try {
      installed = await connection.client.listModels();
    } catch (error) {
      if (error instanceof OllamaFailure) {
        connection.report(error);
        void vscode.window.showErrorMessage(error.message);
      }
      return;
    }
    const current = target === 'completion' ? settings.completionModel : settings.chatModel;
    const items: (vscode.QuickPickItem & { model?: string })[] = installed.map((m) => ({
      label: m.name,
      description: [m.parameterSize, m.quantization, formatBytes(m.sizeBytes)].filter(Boolean).join(' · '),
      detail: sameModelName(m.name, current) ? vscode.l10n.t('current') : undefined,
      model: m.name.endsWith(':latest') ? m.name.slice(0, -':latest'.length) : m.name,
    }));
    items.push({ label: `$(cloud-download) ${vscode.l10n.t('Pull another model…')}` });
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Models installed in Ollama'), matchOnDescription: true });
    if (!picked) return;
    if (!picked.model) {
      await vscode.commands.executeCommand('phiLocal.pullModel');
      return;
    }
    model = picked.model;
  }
  const keys: (keyof Settings)[] = target === 'both' ? ['chatModel', 'completionModel'] : [target === 'chat' ? 'chatModel' : 'completionModel'];
  for (const key of keys) await config.update(key, model);
}

/** Pulls `model` (or the missing one, or one the user names) with cancellable progress, then probes again. */
export async function pullModel(connection: Connection, log: vscode.LogOutputChannel, requested?: string): Promise<boolean> {
  const state = connection.state;
  let model = typeof requested === 'string' && requested ? requested : state.kind === 'modelMissing' ? state.model : undefined;
  if (!model) {
    model = await vscode.window.showInputBox({
      title: vscode.l10n.t('Phi Local: Pull Model'),
      prompt: vscode.l10n.t('Name of the Ollama model to download'),
      value: connection.settings.chatModel,
      validateInput: (value) => (/^[\w.\-/:]+$/.test(value.trim()) ? undefined : vscode.l10n.t('Not a model name')),
    });
    if (!model) return false;
    model = model.trim();
  }
  const target = model;
  const activity = connection.begin('pull');
  log.info(`pulling ${target}`);
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pulling {0}', target), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        let reported = 0;
        let lastStatus = '';
        try {
          for await (const step of connection.client.pull(target, controller.signal)) {
            if (step.status !== lastStatus) log.debug(`pull ${target}: ${step.status}`);
            lastStatus = step.status;
            const percent = step.total > 0 ? Math.floor((step.completed / step.total) * 100) : 0;
            const message =
              step.total > 0 ? `${percent}% (${formatBytes(step.completed)} / ${formatBytes(step.total)})` : step.status;
            progress.report({ message, increment: Math.max(0, percent - reported) });
            reported = Math.max(reported, percent);
            connection.showPulling(target, step.total > 0 ? percent : undefined);
          }
        } finally {
          subscription.dispose();
        }
      },
    );
    log.info(`pulled ${target}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is ready.', target));
    return true;
  } catch (error) {
    const failure = error instanceof OllamaFailure ? error : undefined;
    if (failure?.kind === 'aborted') {
      log.info(`pull of ${target} cancelled`);
    } else {
      const message = failure?.message ?? String(error);
      log.error(`pull ${target} failed: ${failure?.detail ?? message}`);
      const retry = vscode.l10n.t('Retry');
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window.showErrorMessage(vscode.l10n.t('Pulling {0} failed: {1}', target, message), retry, showLog).then((choice) => {
        if (choice === retry) void vscode.commands.executeCommand('phiLocal.pullModel', target);
        else if (choice === showLog) log.show();
      });
    }
    return false;
  } finally {
    activity.dispose();
    await connection.probe('after pull');
  }
}
