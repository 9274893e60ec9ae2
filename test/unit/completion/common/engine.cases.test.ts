// The completion corpus (test/fixtures/completions): every case through the real engine, its reply streamed
// in pieces of 1, 4 and all characters. The result must not depend on the pieces, must never be harmful, and
// must be the expected text unless the case names a known shortfall.
import * as assert from 'node:assert/strict';
import { loadCases } from '../../../support/completionCases';
import { applied, runCase, scoreCorpus, verdict } from '../../../support/completionScore';

const cases = loadCases();

describe('completion corpus through the engine', () => {
  it('has at least 150 cases in 13 languages, phi4 and FIM replies', () => {
    assert.ok(cases.length >= 150, `${cases.length} cases`);
    assert.ok(new Set(cases.map((c) => c.languageId)).size >= 13);
    assert.ok(cases.some((c) => c.style === 'fim'));
  });

  for (const testCase of cases) {
    it(`${testCase.name} (${testCase.file})`, async () => {
      const whole = await runCase(testCase, 1_000_000);
      for (const size of [1, 4]) {
        assert.deepEqual((await runCase(testCase, size)).outcome, whole.outcome, `chunks of ${size} give another result`);
      }
      if (whole.early) {
        // The first line shown early is the start of what follows, never something else.
        assert.equal(whole.early.replace, 0);
        assert.ok(
          whole.outcome.text.startsWith(whole.early.text),
          `first line ${JSON.stringify(whole.early.text)} then ${JSON.stringify(whole.outcome.text)}`,
        );
      }
      const result = verdict(testCase, whole.outcome);
      const expected = testCase.known ?? 'exact';
      assert.equal(
        result,
        expected,
        `got ${JSON.stringify(whole.outcome)}, leaving:\n${applied(testCase, whole.outcome)}\nexpected ${JSON.stringify(testCase.expected)}`,
      );
    });
  }

  it('shows nothing harmful, and the exact text in at least 80 % of the cases', async () => {
    const counts = await scoreCorpus(cases);
    assert.deepEqual(counts.harmfulCases, []);
    assert.ok(counts.exact / counts.cases >= 0.8, JSON.stringify(counts));
  });
});
