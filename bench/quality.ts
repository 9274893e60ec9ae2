// npm run bench:quality — every completion case (test/fixtures/completions) through the real engine, scored by
// the document it leaves: exact, a safe prefix, empty, or harmful. Writes bench/results/quality.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCases, type CompletionCase } from '../test/support/completionCases';
import { scoreCorpus, type CorpusCounts } from '../test/support/completionScore';

const root = path.resolve(__dirname, '..', '..');

function share(counts: CorpusCounts): string {
  const pct = (n: number) => `${Math.round((n / counts.cases) * 1000) / 10} %`;
  return `${counts.cases} cases: exact ${counts.exact} (${pct(counts.exact)}), prefix ${counts.prefix}, empty ${counts.empty}, harmful ${counts.harmful}`;
}

async function main(): Promise<void> {
  const cases = loadCases();
  const total = await scoreCorpus(cases);
  const groups = new Map<string, CompletionCase[]>();
  for (const testCase of cases) {
    for (const key of [`language:${testCase.languageId}`, `style:${testCase.style}`])
      groups.set(key, [...(groups.get(key) ?? []), testCase]);
  }
  const byGroup: Record<string, Omit<CorpusCounts, 'harmfulCases'>> = {};
  for (const [key, group] of [...groups].sort()) {
    const { harmfulCases: _unused, ...counts } = await scoreCorpus(group);
    byGroup[key] = counts;
  }
  console.log(share(total));
  for (const file of total.harmfulCases) console.log(`  harmful: ${file}`);
  const result = { date: new Date().toISOString(), node: process.version, total, byGroup };
  const out = path.join(root, 'bench', 'results', 'quality.json');
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${path.relative(root, out)}`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
