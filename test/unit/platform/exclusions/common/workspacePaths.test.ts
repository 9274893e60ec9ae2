import * as assert from 'node:assert/strict';
import { containingRoot, normalisePath } from '../../../../../src/platform/exclusions/common/workspacePaths';

describe('workspace paths', () => {
  it('finds the folder a path is in, and nothing for a sibling with the same prefix', () => {
    const roots = ['/home/me/project', '/home/me/other/'];
    assert.equal(containingRoot('/home/me/project/src/a.ts', roots, false), '/home/me/project');
    assert.equal(containingRoot('/home/me/project', roots, false), '/home/me/project');
    assert.equal(containingRoot('/home/me/other/x', roots, false), '/home/me/other/');
    assert.equal(containingRoot('/home/me/project-secrets/key.pem', roots, false), undefined);
    assert.equal(containingRoot('/home/me/.npmrc', roots, false), undefined);
  });

  it('compares names without case where the file system does', () => {
    assert.equal(containingRoot('/Users/Me/Project/a.ts', ['/users/me/project'], true), '/users/me/project');
    assert.equal(containingRoot('/Users/Me/Project/a.ts', ['/users/me/project'], false), undefined);
  });

  it('handles Windows paths', () => {
    assert.equal(containingRoot('C:\\work\\app\\main.ts', ['c:/work/app'], true), 'c:/work/app');
    assert.equal(normalisePath('C:\\work\\app\\'), 'C:/work/app');
  });
});
