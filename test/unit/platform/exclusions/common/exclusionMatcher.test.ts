import * as assert from 'node:assert/strict';
import { ExclusionMatcher } from '../../../../../src/platform/exclusions/common/exclusionMatcher';
import { DEFAULT_SETTINGS } from '../../../../../src/platform/config/common/settings';

describe('exclusions', () => {
  const roots = ['/home/me/project'];
  const matcher = new ExclusionMatcher(DEFAULT_SETTINGS.exclude, [
    { root: '/home/me/project', content: '# local secrets\nconfig/prod.json\n*.secret.ts\n!keep.secret.ts\n' },
  ]);
  const excluded = [
    '/home/me/project/.env',
    '/home/me/project/.env.local',
    '/home/me/project/services/api/.env.production',
    '/home/me/project/certs/server.pem',
    '/home/me/project/server.key',
    '/home/me/project/store.p12',
    '/home/me/.ssh/id_rsa',
    '/home/me/.ssh/config',
    '/home/me/id_ed25519.pub',
    '/home/me/.aws/credentials',
    '/home/me/project/secrets/token.txt',
    '/home/me/project/config/prod.json',
    '/home/me/project/src/db.secret.ts',
    '/home/me/project/.envrc',
    '/home/me/project/deploy/prod.env',
    '/home/me/.config/gh/hosts.yml',
    '/home/me/.cargo/credentials.toml',
    '/home/me/.vault-token',
    '/home/me/.terraformrc',
    '/home/me/project/auth.json',
    '/home/me/.config/gcloud/application_default_credentials.json',
    '/home/me/.m2/settings.xml',
    '/home/me/project/gradle.properties',
    '/home/me/.bash_history',
    '/home/me/.zsh_history',
  ];
  const allowed = [
    '/home/me/project/src/app.ts',
    '/home/me/project/env.ts',
    '/home/me/project/docs/keys.md',
    '/home/me/project/src/keep.secret.ts',
    '/home/me/project/config/dev.json',
    '/home/me/project/src/environment.ts',
    '/home/me/project/build.gradle',
  ];
  for (const path of excluded) it(`excludes ${path}`, () => assert.equal(matcher.isExcluded(path, roots), true));
  for (const path of allowed) it(`allows ${path}`, () => assert.equal(matcher.isExcluded(path, roots), false));
  it('handles Windows-style paths', () => {
    assert.equal(new ExclusionMatcher(['.env']).isExcluded('C:\\work\\app\\.env'), true);
  });
});
