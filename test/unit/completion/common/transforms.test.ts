import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { completionMarkers } from '../../../../src/completion/common/completionPrompt';
import { cleanup, collect, finish, stopAtMarkers, type CleanupContext } from '../../../../src/completion/common/transforms';
import { REPO_ROOT } from '../../../support/paths';

interface Fixture {
  name: string;
  linePrefix: string;
  lineSuffix: string;
  previousLines: string[];
  nextLines: string[];
  multiline: boolean;
  output: string;
  expected: string;
}

const fixtures = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/phi4-completions.json'), 'utf8')) as Fixture[];

/** Streams `text` in pieces of `size` characters, recording how far the consumer read. */
function source(text: string, size: number, seen: { chunks: number; closed: boolean }) {
  return (async function* () {
    try {
      for (let i = 0; i < text.length; i += size) {
        seen.chunks++;
        yield text.slice(i, i + size);
      }
    } finally {
      seen.closed = true;
    }
  })();
}

async function run(fixture: Fixture, size: number): Promise<string> {
  const context: CleanupContext = {
    ...fixture,
    maxLines: 12,
    markers: completionMarkers({ kind: 'chatml', roleSeparator: '<|im_sep|>\n' }),
  };
  const seen = { chunks: 0, closed: false };
  return finish(await collect(cleanup(source(fixture.output, size, seen), context)), context);
}

describe('completion cleanup on realistic bad phi4 outputs', () => {
  for (const fixture of fixtures) {
    for (const size of [1, 3, 1000]) {
      it(`${fixture.name} (chunks of ${size})`, async () => {
        assert.equal(await run(fixture, size), fixture.expected);
      });
    }
  }

  it('stops reading the model as soon as the answer is over, closing the source', async () => {
    const seen = { chunks: 0, closed: false };
    const long = `value;\n${'garbage line\n'.repeat(500)}`;
    const context: CleanupContext = {
      linePrefix: '  x = ',
      lineSuffix: '',
      previousLines: [],
      nextLines: [],
      multiline: false,
      maxLines: 12,
      markers: ['<|im_end|>'],
    };
    assert.equal(finish(await collect(cleanup(source(long, 4, seen), context)), context), 'value;');
    assert.equal(seen.closed, true);
    assert.ok(seen.chunks < 120, `read ${seen.chunks} of ${Math.ceil(long.length / 4)} chunks`);
  });

  it('never yields part of a marker split across chunks', async () => {
    const pieces = ['abc<|im', '_e', 'nd|>tail'];
    const out = await collect(
      stopAtMarkers(['<|im_end|>'])(
        (async function* () {
          yield* pieces;
        })(),
      ),
    );
    assert.equal(out, 'abc');
  });
});
