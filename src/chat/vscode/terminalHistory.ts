// The last command of each terminal and what it printed, through shell integration. Output can only be read
// from the moment a command starts, so every command is followed (its output kept up to a cap) until the
// next one replaces it. Nothing is sent anywhere from here: the chat reads a run when the user attaches it.
import * as vscode from 'vscode';
import { Disposable } from '../../platform/lifecycle/common/lifecycle';
import type { TerminalRun } from '../common/contextFormatting';

/** Output kept per command: the end matters most (errors, the summary), so the oldest part goes first. */
const MAX_OUTPUT_CHARS = 64 * 1024;

interface Tracked {
  commandLine: string;
  cwd?: string;
  output: string;
  exitCode?: number;
  execution: vscode.TerminalShellExecution;
}

export class TerminalHistory extends Disposable {
  private readonly last = new Map<vscode.Terminal, Tracked>();

  constructor() {
    super();
    this._register(
      vscode.window.onDidStartTerminalShellExecution((event) => {
        const tracked: Tracked = {
          commandLine: event.execution.commandLine.value,
          cwd: event.execution.cwd?.fsPath,
          output: '',
          execution: event.execution,
        };
        this.last.delete(event.terminal);
        this.last.set(event.terminal, tracked);
        void this.follow(tracked);
      }),
    );
    this._register(
      vscode.window.onDidEndTerminalShellExecution((event) => {
        const tracked = this.last.get(event.terminal);
        if (tracked?.execution === event.execution) {
          tracked.exitCode = event.exitCode;
          // The command line is sometimes known better at the end.
          if (event.execution.commandLine.value) tracked.commandLine = event.execution.commandLine.value;
        }
      }),
    );
    this._register(vscode.window.onDidCloseTerminal((terminal) => this.last.delete(terminal)));
  }

  private async follow(tracked: Tracked): Promise<void> {
    try {
      for await (const data of tracked.execution.read()) {
        tracked.output += data;
        if (tracked.output.length > MAX_OUTPUT_CHARS * 2) tracked.output = tracked.output.slice(-MAX_OUTPUT_CHARS);
      }
    } catch {
      // The terminal went away while it printed: what was read stays.
    }
    if (tracked.output.length > MAX_OUTPUT_CHARS) tracked.output = tracked.output.slice(-MAX_OUTPUT_CHARS);
  }

  /**
   * The last command of the active terminal (else of the terminal that ran one most recently), or why there
   * is none: no terminal, or no shell integration in it.
   */
  lastRun(): { run: TerminalRun; terminal: string } | { problem: 'noTerminal' | 'noShellIntegration' | 'noCommand' } {
    const active = vscode.window.activeTerminal;
    const terminal = active && this.last.has(active) ? active : [...this.last.keys()].pop();
    if (!terminal) {
      if (!vscode.window.terminals.length) return { problem: 'noTerminal' };
      return { problem: (active ?? vscode.window.terminals[0]).shellIntegration ? 'noCommand' : 'noShellIntegration' };
    }
    const tracked = this.last.get(terminal);
    if (!tracked) return { problem: 'noCommand' };
    return {
      run: { commandLine: tracked.commandLine, output: tracked.output, exitCode: tracked.exitCode, cwd: tracked.cwd },
      terminal: terminal.name,
    };
  }
}
