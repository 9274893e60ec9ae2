import * as assert from 'node:assert/strict';
import { contextKeyOf, MILESTONES, reachedBy, storedMilestones } from '../../../../src/welcome/common/milestones';
import { COMMANDS, WALKTHROUGH_ID } from '../../../../src/platform/commands/common/contributionIds';
import { readRepoFile } from '../../../support/paths';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../../support/paths';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
  completionEvents: string[];
}
const manifest = JSON.parse(readRepoFile('package.json')) as { contributes: { walkthroughs: { id: string; steps: Step[] }[] } };
const nls = JSON.parse(readRepoFile('package.nls.json')) as Record<string, string>;
/** A manifest string as VS Code shows it: `%key%` looked up in package.nls.json. */
const text = (value: string) => (/^%.+%$/.test(value) ? nls[value.slice(1, -1)] : value);

describe('getting-started walkthrough', () => {
  it('has one step per milestone, in order, each completed by its context key and with its page', () => {
    const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === WALKTHROUGH_ID);
    assert.ok(walkthrough);
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      [...MILESTONES],
    );
    for (const step of walkthrough.steps) {
      assert.deepEqual(step.completionEvents, [`onContext:${contextKeyOf(step.id as (typeof MILESTONES)[number])}`]);
      assert.ok(step.media.markdown && fs.existsSync(path.join(REPO_ROOT, step.media.markdown)), step.media.markdown);
      // Every button is a contributed command (or the chat view's focus command) or an https page.
      const description = text(step.description);
      assert.ok(description, `${step.id} has a description`);
      for (const [, target] of description.matchAll(/\]\(([^)]+)\)/g)) {
        if (target.startsWith('command:')) {
          const id = target.slice('command:'.length);
          assert.ok((Object.values(COMMANDS) as string[]).includes(id) || id === 'phiLocal.chat.focus', id);
        } else assert.match(target, /^https:\/\//);
      }
    }
  });

  it('completes the Ollama and model steps from the connection state only when they are true', () => {
    assert.deepEqual(reachedBy({ kind: 'ready' }), ['ollamaRunning', 'modelPresent']);
    assert.deepEqual(reachedBy({ kind: 'modelMissing', model: 'phi4' }), ['ollamaRunning']);
    assert.deepEqual(reachedBy({ kind: 'checking' }), []);
    assert.deepEqual(reachedBy({ kind: 'unreachable', failure: { kind: 'unreachable', message: 'x' } as never }), []);
  });

  it('reads the stored progress defensively', () => {
    assert.deepEqual([...storedMilestones(['chatSent', 'nope', 3, 'chatSent'])], ['chatSent']);
    assert.deepEqual([...storedMilestones({ chatSent: true })], []);
  });
});
