// The connection's commands: Select Model…, Pull Model (which Ollama models the extension uses), Retry and
// Show Log.
import * as vscode from 'vscode';
import type { Settings } from '../../config/common/settings';
import { COMMANDS } from '../../commands/common/contributionIds';
import type { Config } from '../../config/vscode/config';
import type { Connection } from './connection';
import { ModelCall } from './modelCall';
import { showFailure } from './userActionRunner';
import { formatBytes, sameModelName } from '../../backend/common/modelTypes';
import { describeFailure, toFailure } from '../../backend/common/modelFailure';

type ModelTarget = 'chat' | 'completion' | 'both';

interface SelectModelArgs {
  target?: ModelTarget;
  model?: string;
}

async function selectModel(connection: Connection, config: Config, args: SelectModelArgs = {}): Promise<void> {
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
      const failure = toFailure(error);
      connection.report(failure);
      showFailure(failure, { retry: () => selectModel(connection, config, { ...args, target }) });
      return;
    }
    const current = target === 'completion' ? settings.completionModel : settings.chatModel;
    const items: (vscode.QuickPickItem & { model?: string })[] = installed.map((m) => ({
      label: m.name,
      description: [m.parameterSize, m.quantization, formatBytes(m.sizeBytes)].filter(Boolean).join(' · '),
      detail: sameModelName(m.name, current) ? vscode.l10n.t('current') : undefined,
      model: m.name.endsWith(':latest') ? m.name.slice(0, -':latest'.length) : m.name,
    }));
    // An OpenAI-compatible server serves the models it was started with: nothing to pull from here.
    const canPull = connection.client.pull !== undefined;
    if (canPull) items.push({ label: `$(cloud-download) ${vscode.l10n.t('Pull another model…')}` });
    const picked = await vscode.window.showQuickPick(items, {
      title: canPull ? vscode.l10n.t('Models installed in Ollama') : vscode.l10n.t('Models served at {0}', connection.client.host),
      matchOnDescription: true,
    });
    if (!picked) return;
    if (!picked.model) {
      await vscode.commands.executeCommand(COMMANDS.pullModel);
      return;
    }
    model = picked.model;
  }
  const keys: (keyof Settings)[] =
    target === 'both' ? ['chatModel', 'completionModel'] : [target === 'chat' ? 'chatModel' : 'completionModel'];
  for (const key of keys) await config.update(key, model);
}

/** Pulls `model` (or the missing one, or one the user names) with cancellable progress, then probes again. */
async function pullModel(connection: Connection, log: vscode.LogOutputChannel, requested?: string): Promise<boolean> {
  const client = connection.client;
  if (!client.pull) {
    const message = vscode.l10n.t(
      'Pulling models applies to Ollama only. The OpenAI-compatible server at {0} serves the models it was started with: start it with the model you want, then select it.',
      connection.client.host,
    );
    const select = vscode.l10n.t('Select Model');
    void vscode.window.showInformationMessage(message, select).then((choice) => {
      if (choice === select) void vscode.commands.executeCommand(COMMANDS.selectModel);
    });
    return false;
  }
  const pull = client.pull.bind(client);
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
  log.info(`pulling ${target}`);
  const title = vscode.l10n.t('Pulling {0}', target);
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const call = new ModelCall(connection, 'pull', { token });
        let reported = 0;
        let lastStatus = '';
        try {
          for await (const step of pull(target, call.signal)) {
            if (step.status !== lastStatus) log.debug(`pull ${target}: ${step.status}`);
            lastStatus = step.status;
            const percent = step.total > 0 ? Math.floor((step.completed / step.total) * 100) : 0;
            const message = step.total > 0 ? `${percent}% (${formatBytes(step.completed)} / ${formatBytes(step.total)})` : step.status;
            progress.report({ message, increment: Math.max(0, percent - reported) });
            reported = Math.max(reported, percent);
            connection.showPulling(target, step.total > 0 ? percent : undefined);
          }
        } catch (error) {
          throw call.fail(error);
        } finally {
          call.dispose();
        }
      },
    );
    log.info(`pulled ${target}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is ready.', target));
    return true;
  } catch (error) {
    const failure = toFailure(error);
    if (failure.kind === 'aborted') {
      log.info(`pull of ${target} cancelled`);
    } else {
      log.error(`pull ${target} failed: ${failure.detail}`);
      const retry = () => vscode.commands.executeCommand(COMMANDS.pullModel, target);
      const reason =
        failure.kind === 'modelMissing'
          ? vscode.l10n.t('"{0}" is not in the Ollama library. Check the name.', target)
          : describeFailure(failure, vscode.l10n.t);
      showFailure(failure, { retry, model: target }, vscode.l10n.t('Pulling {0} failed: {1}', target, reason));
    }
    return false;
  } finally {
    await connection.probe('after pull');
  }
}

export function registerConnectionCommands(
  context: vscode.ExtensionContext,
  connection: Connection,
  config: Config,
  log: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    vscode.commands.registerCommand(COMMANDS.retry, () => connection.probe('user retry', { userAsked: true })),
    vscode.commands.registerCommand(COMMANDS.selectModel, (args?: unknown) =>
      selectModel(connection, config, (args && typeof args === 'object' ? args : {}) as SelectModelArgs),
    ),
    vscode.commands.registerCommand(COMMANDS.pullModel, (model?: unknown) =>
      pullModel(connection, log, typeof model === 'string' ? model : undefined),
    ),
  );
}
