// The getting-started walkthrough: each step completes from a real event (Ollama answered, the model is
// there, a suggestion accepted, a question sent, a proposal applied), remembered across windows, and told
// to VS Code through the context keys the steps' completionEvents wait for. Also "Get Started" and the
// sample file of the completion step.
import * as vscode from 'vscode';
import { COMMANDS, WALKTHROUGH_ID } from '../../platform/commands/common/contributionIds';
import type { Connection } from '../../platform/connection/vscode/connection';
import { Disposable, type Event } from '../../platform/lifecycle/common/lifecycle';
import { contextKeyOf, reachedBy, SAMPLE, storedMilestones, type Milestone } from '../common/milestones';

const STORE_KEY = 'phiLocal.walkthrough.reached';

interface WalkthroughDeps {
  readonly connection: Connection;
  readonly completionAccepted: Event<void>;
  readonly chatSent: Event<void>;
  readonly proposalAccepted: Event<unknown>;
  readonly log: vscode.LogOutputChannel;
}

export class Walkthrough extends Disposable {
  private readonly reachedValue: Set<Milestone>;
  /** Steps whose context key is set in this window. */
  private readonly announced = new Set<Milestone>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly deps: WalkthroughDeps,
  ) {
    super();
    this.reachedValue = storedMilestones(state.get(STORE_KEY));
    const fromState = () => reachedBy(deps.connection.state).forEach((m) => this.reach(m));
    this._register(deps.connection.onDidChange(fromState));
    this._register(deps.completionAccepted(() => this.reach('completionAccepted')));
    this._register(deps.chatSent(() => this.reach('chatSent')));
    this._register(deps.proposalAccepted(() => this.reach('proposalAccepted')));
    fromState();
    if (walkthroughShown()) void this.announce();
  }

  /** The steps done so far, in any window. */
  get reached(): readonly Milestone[] {
    return [...this.reachedValue];
  }

  /**
   * Sets the context keys of the steps done. Only while a walkthrough is shown: VS Code's walkthrough service
   * starts when one is first shown, and a key that is already true when it starts never ticks its step off (it
   * only reacts to a key turning true while it listens). So the keys turn true once the page is there.
   */
  async announce(): Promise<void> {
    for (const milestone of this.reachedValue) {
      if (this.announced.has(milestone)) continue;
      this.announced.add(milestone);
      await vscode.commands.executeCommand('setContext', contextKeyOf(milestone), true);
    }
  }

  /** Forgets every step (they complete again from new events): the walkthrough starts over. */
  private async reset(): Promise<void> {
    for (const milestone of this.announced) await vscode.commands.executeCommand('setContext', contextKeyOf(milestone), false);
    this.announced.clear();
    this.reachedValue.clear();
    await this.state.update(STORE_KEY, []);
  }

  /** Registers the command that starts the walkthrough over. */
  registerReset(): vscode.Disposable {
    return vscode.commands.registerCommand(COMMANDS.resetGettingStarted, async () => {
      await this.reset();
      this.deps.log.info('getting started: progress reset');
      // What is true now (Ollama running, the model there) completes again at once.
      reachedBy(this.deps.connection.state).forEach((m) => this.reach(m));
    });
  }

  private reach(milestone: Milestone): void {
    if (this.reachedValue.has(milestone)) return;
    this.reachedValue.add(milestone);
    void this.state.update(STORE_KEY, [...this.reachedValue]);
    if (walkthroughShown()) void this.announce();
    this.deps.log.info(`getting started: ${milestone} done`);
  }
}

/** Whether an editor VS Code does not describe to extensions is open: the Welcome page or a walkthrough. */
function walkthroughShown(): boolean {
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input === undefined));
}

/** Registers the walkthrough's progress and its commands (Get Started, the sample file, starting over). */
export function registerWalkthrough(context: vscode.ExtensionContext, deps: WalkthroughDeps): Walkthrough {
  const walkthrough = new Walkthrough(context.globalState, deps);
  context.subscriptions.push(
    walkthrough,
    walkthrough.registerReset(),
    vscode.commands.registerCommand(COMMANDS.getStarted, async () => {
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false);
      await walkthrough.announce();
    }),
    // A walkthrough opened from VS Code's own Welcome page: its service exists once a walkthrough tab is shown.
    vscode.window.tabGroups.onDidChangeTabs((event) => {
      if (event.opened.some((tab) => tab.input === undefined)) void walkthrough.announce();
    }),
    vscode.commands.registerCommand(COMMANDS.openSample, async () => {
      const document = await vscode.workspace.openTextDocument({ language: SAMPLE.language, content: SAMPLE.text });
      const editor = await vscode.window.showTextDocument(document);
      const end = document.lineAt(document.lineCount - 1).range.end;
      editor.selection = new vscode.Selection(end, end);
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      return editor;
    }),
  );
  return walkthrough;
}
