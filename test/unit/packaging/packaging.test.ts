// The VSIX as it is published: marketplace metadata, the icon drawn at build time, and `npm run package`
// passing its own checks (no vsce warning, nothing but the extension's files, the size goal).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { REPO_ROOT } from '../../support/paths';

interface Manifest {
  icon?: string;
  repository?: { url?: string };
  bugs?: { url?: string };
  homepage?: string;
  galleryBanner?: { color?: string; theme?: string };
  qna?: unknown;
  categories?: string[];
  keywords?: string[];
  version: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

/** Width, height, colour type and RGBA rows of a non-interlaced 8-bit RGBA PNG with filter 0 rows. */
function decodePng(png: Buffer): { width: number; height: number; colorType: number; pixel(x: number, y: number): number[] } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      colorType = body[9];
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(data));
  return {
    width,
    height,
    colorType,
    pixel: (x, y) => [...raw.subarray(y * (1 + width * 4) + 1 + x * 4, y * (1 + width * 4) + 5 + x * 4)],
  };
}

describe('packaging', () => {
  it('has the marketplace metadata vsce and the gallery look for', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    assert.match(manifest.repository?.url ?? '', /^https:\/\//);
    assert.match(manifest.bugs?.url ?? '', /^https:\/\//);
    assert.match(manifest.homepage ?? '', /^https:\/\//);
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9A-Fa-f]{6}$/);
    assert.equal(manifest.qna, false);
    assert.ok(manifest.categories?.includes('AI'));
    assert.ok((manifest.keywords?.length ?? 0) >= 5 && (manifest.keywords?.length ?? 0) <= 30, 'the marketplace takes up to 30 keywords');
    const changelog = fs.readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
    assert.match(changelog, new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}\\b`, 'm'), 'the changelog has the current version');
  });

  it('draws a 128×128 RGBA icon: transparent corners, the glyph white on the blue square', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'phi-icon-')), 'icon.png');
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'icon.mjs'), out]);
    const png = decodePng(fs.readFileSync(out));
    assert.equal(png.width, 128);
    assert.equal(png.height, 128);
    assert.equal(png.colorType, 6);
    assert.equal(png.pixel(0, 0)[3], 0, 'rounded corner');
    assert.deepEqual(png.pixel(64, 30), [255, 255, 255, 255], 'the bar of the φ');
    assert.deepEqual(png.pixel(20, 64), [0x1f, 0x4e, 0x8c, 255], 'the square');
  });

  it('packages cleanly: no vsce warning, only the extension files, within the size goal', function () {
    this.timeout(120000);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'phi-vsix-')), 'phi-local.vsix');
    const printed = execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'package.mjs'), '--out', out], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    const match = /, (\d+) files, (\d+) KB \(goal ≤ 400 KB\)/.exec(printed);
    assert.ok(match, printed);
    assert.ok(Number(match[2]) <= 400);
    assert.ok(fs.statSync(out).size > 50_000, 'the VSIX has the bundles');
  });
});
