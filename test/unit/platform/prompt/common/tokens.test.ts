import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encode } from 'gpt-tokenizer/encoding/cl100k_base';
import { estimateTokens } from '../../../../../src/platform/prompt/common/tokens';
import { REPO_ROOT } from '../../../../support/paths';

describe('token estimate', () => {
  it('estimates cl100k token counts of code on the safe side, within 25 %', () => {
    for (const file of ['bench/fixtures/client.ts.txt', 'bench/fixtures/inventory.py', 'bench/fixtures/scheduler.go']) {
      const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
      const ratio = estimateTokens(text) / encode(text, { allowedSpecial: 'all' }).length;
      assert.ok(ratio >= 0.97 && ratio <= 1.25, `${file}: estimate/real = ${ratio.toFixed(3)}`);
    }
  });
});
