// The plan-file globs, matched as VS Code matches a glob relative to a workspace folder.
import assert from 'node:assert/strict';
import { globMatcher, isPlanFile, relativePath } from '../../src/host/globs';

describe('plan-file globs', () => {
  const EXCLUDE = '**/{node_modules,.git,dist,out,.vscode-test}/**';

  it('match below the workspace folder, VS Code style', () => {
    assert.equal(globMatcher('**/*.md')('plan.md'), true, '** matches no folder');
    assert.equal(globMatcher('**/*.md')('docs/deep/plan.md'), true);
    assert.equal(globMatcher('*.md')('docs/plan.md'), false, '* stays in one segment');
    assert.equal(globMatcher('docs/*.md')('docs/plan.md'), true);
    assert.equal(globMatcher('**/*.md')('.github/plan.md'), true, 'dot folders are matched like others');
    assert.equal(globMatcher('**/*.md')('notes/.plan.md'), true, 'dot files too');
    assert.equal(globMatcher('**/*.{md,markdown}')('a/b.markdown'), true);
    assert.equal(globMatcher('**/plan-?.md')('plan-1.md'), true);
    assert.equal(globMatcher('**/plan-[0-9].md')('x/plan-7.md'), true);
    assert.equal(globMatcher('**/*.md')('plan.mdx'), false);
    assert.equal(globMatcher('**/*.md')('Plan.MD'), false, 'case matters');
  });

  it('exclude the default folders at any depth, the folder itself included', () => {
    for (const path of ['node_modules/pkg/README.md', 'a/node_modules/b.md', '.git/x.md', 'dist/plan.md', 'web/out/plan.md', '.vscode-test/x/y.md']) {
      assert.equal(isPlanFile(path, '**/*.md', EXCLUDE), false, path);
    }
    for (const path of ['plan.md', 'docs/outline/plan.md', 'distant/plan.md', 'node_modules.md'])
      assert.equal(isPlanFile(path, '**/*.md', EXCLUDE), true, path);
    assert.equal(isPlanFile('dist/plan.md', '**/*.md', undefined), true, 'no exclude');
    assert.equal(isPlanFile('dist/plan.md', '**/*.md', ''), true, 'an empty exclude');
  });

  it('take a leading ! and parentheses as characters, as VS Code does', () => {
    assert.equal(globMatcher('!plan.md')('other.md'), false);
    assert.equal(globMatcher('@(plan).md')('plan.md'), false);
  });

  it('work out the path below a folder', () => {
    assert.equal(relativePath('/work/repo', '/work/repo/docs/plan.md'), 'docs/plan.md');
    assert.equal(relativePath('/work/repo/', '/work/repo/plan.md'), 'plan.md');
    assert.equal(relativePath('/work/repo', '/work/repository/plan.md'), undefined);
    assert.equal(relativePath('/work/repo', '/work/repo'), undefined);
  });
});
