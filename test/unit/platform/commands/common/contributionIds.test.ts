import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CHAT_VIEW_ID,
  COMMANDS,
  CONTEXT_KEYS,
  INTERNAL_COMMANDS,
  VIEW_CONTAINER_ID,
} from '../../../../../src/platform/commands/common/contributionIds';
import { readRepoFile, REPO_ROOT } from '../../../../support/paths';

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string; enablement?: string }[];
    viewsContainers: { activitybar: { id: string }[] };
    views: Record<string, { id: string }[]>;
    menus: Record<string, { command?: string; when?: string }[]>;
    keybindings: { command: string; when?: string }[];
  };
}

const manifest = JSON.parse(readRepoFile('package.json')) as Manifest;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('contribution ids', () => {
  it('names exactly the commands package.json contributes, each titled under the Phi Local category', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(Object.values(COMMANDS).sort(), contributed);
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'Phi Local', command.command);
  });

  it('names the view container, the chat view and the when-clause keys package.json uses', () => {
    assert.ok(manifest.contributes.viewsContainers.activitybar.some((c) => c.id === VIEW_CONTAINER_ID));
    assert.deepEqual(
      manifest.contributes.views[VIEW_CONTAINER_ID].map((v) => v.id),
      [CHAT_VIEW_ID],
    );
    const whens = [
      ...[...Object.values(manifest.contributes.menus).flat(), ...manifest.contributes.keybindings].map((item) => item.when ?? ''),
      ...manifest.contributes.commands.map((command) => command.enablement ?? ''),
    ];
    const keys = new Set(whens.flatMap((when) => when.match(/phiLocal\.[A-Za-z.]+/g) ?? []).filter((key) => key !== CHAT_VIEW_ID));
    assert.deepEqual([...keys].sort(), Object.values(CONTEXT_KEYS).sort());
  });

  it('every command a menu or keybinding names is contributed; internal commands are not', () => {
    const known = new Set<string>(Object.values(COMMANDS));
    const used = [...Object.values(manifest.contributes.menus).flat(), ...manifest.contributes.keybindings]
      .map((item) => item.command)
      .filter(Boolean);
    for (const command of used) assert.ok(known.has(command as string), `${command} is not in COMMANDS`);
    for (const internal of Object.values(INTERNAL_COMMANDS)) assert.ok(!known.has(internal));
  });

  it('is the only source file that spells a command id', () => {
    const ids = [...Object.values(COMMANDS), ...Object.values(INTERNAL_COMMANDS)];
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
      if (file.endsWith('contributionIds.ts')) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const id of ids)
        if (text.includes(`'${id}'`) || text.includes(`"${id}"`)) offenders.push(`${path.relative(REPO_ROOT, file)}: ${id}`);
    }
    assert.deepEqual(offenders, []);
  });
});
