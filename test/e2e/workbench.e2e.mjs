// What a person sees: the packaged extension installed into a real VS Code (code-server's VS Code
// server), driven through the workbench in headless Chromium, twice: with the extension in the
// server's Node.js extension host, and in the browser's web-worker extension host (as in
// vscode.dev and github.dev; its `browser` bundle). Every test saves a screenshot under
// test-results/e2e/ (git-ignored), a failing one too. With PHASEWISE_SCREENSHOTS=docs the tour
// screenshots are also copied to docs/screenshots/ for the README.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageExtension } from '../../scripts/package.mjs';
import { REPO_ROOT, TARGET, VSCODE_TARGETS, createRunDir, installVsix, launchBrowser, startServer, workbenchUrl } from '../../scripts/lib/vscode-server.mjs';

// One folder per VS Code release (PHASEWISE_VSCODE); the docs' screenshots come from the minimum's run.
const MINIMUM = TARGET === VSCODE_TARGETS.minimum;
const RESULTS = join(REPO_ROOT, 'test-results', 'e2e', ...(MINIMUM ? [] : [TARGET.vscode]));
const DOCS = join(REPO_ROOT, 'docs', 'screenshots');

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {Awaited<ReturnType<typeof launchBrowser>>} */
let browser;
/** @type {import('playwright-core').Page} */
let page;

/** The extension hosts the suite runs in: `settings` puts the extension in that host. */
const HOSTS = [
  { name: 'Node.js extension host', prefix: '', settings: {} },
  // A UI extension runs in the browser's web-worker host when the window has no local one.
  { name: 'web-worker extension host', prefix: 'web-', settings: { 'remote.extensionKind': { 'phasewise.phasewise': ['ui'] } } },
];
let prefix = '';

async function shot(name, { docs = false } = {}) {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${prefix}${name}.png`);
  await page.screenshot({ path: file });
  // The docs show the desktop-like run, and the web run's Plans view.
  if (docs && MINIMUM && process.env.PHASEWISE_SCREENSHOTS === 'docs' && (!prefix || name === 'tree')) {
    mkdirSync(DOCS, { recursive: true });
    copyFileSync(file, join(DOCS, `${prefix}${name}.png`));
  }
  return file;
}

async function palette(command) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${command}`);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
}

async function openFile(name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label*="${name}"]`).waitFor();
}

/** The tree row of the Plans view whose label contains `text`. */
function treeRow(text) {
  return page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
}

/** The text of the editor's lines, as rendered (non-breaking spaces made plain). */
async function editorText() {
  const lines = await page.locator('.monaco-editor .view-lines .view-line').allTextContents();
  return lines.map((l) => l.replace(/\u00a0/g, ' ')).join('\n');
}

/** The progress webview's document (two nested iframes). */
function progressFrame() {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

let vsix;
for (const host of HOSTS)
  describe(`Phasewise in the browser (packaged .vsix, VS Code ${TARGET.vscode}, ${host.name})`, function () {
    this.timeout(180_000);
    let runDir;

    before(async function () {
      prefix = host.prefix;
      vsix ??= packageExtension({ out: join(REPO_ROOT, '.vscode-test', 'e2e.vsix') }).vsix;
      runDir = createRunDir();
      await installVsix(vsix, runDir);
      server = await startServer({ workspaceSource: join(REPO_ROOT, 'samples'), runDir, settings: host.settings });
      browser = await launchBrowser({ viewport: { width: 1440, height: 900 } });
      page = browser.page;
      await page.goto(workbenchUrl(server.url, { folder: server.workspacePath }));
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && page) await shot(`FAILED-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => {});
    });

    after(async function () {
      await browser?.close();
      await server?.stop();
    });

    it('shows the Phasewise container with the sample plan and its phases', async () => {
      await page.locator('.activitybar .action-item a[aria-label^="Phasewise"]').click();
      await page.locator('.pane-header', { hasText: 'Plans' }).waitFor();
      const plan = readFileSync(join(REPO_ROOT, 'samples', 'execution-plan.md'), 'utf8');
      const titles = [...plan.matchAll(/^## Phase (\d+): (.+?)\s*$/gm)].map((m) => m[2].replace(/\s*(?:✅|🔄|⏸️?|❌)+.*$/u, ''));
      assert.ok(titles.length >= 3, 'the sample plan has phases');
      await treeRow(titles[0]).waitFor({ timeout: 30_000 });
      // The list renders the rows in view: the phases up to the current one are there.
      for (const t of titles.slice(0, 3)) assert.equal(await treeRow(t).count(), 1, `tree lists "${t}"`);
      assert.equal(await treeRow('Phase 3').locator('.codicon-play-circle').count(), 1, 'phase 3 is shown in progress');
      await shot('tree', { docs: true });
    });

    it('marks the current phase complete from its CodeLens: text and tree icon change', async () => {
      await openFile('execution-plan.md');
      await page.locator('.statusbar-item', { hasText: 'Phase 3/6 · 33%' }).waitFor({ timeout: 15_000 });
      await palette('Phasewise: Go to Current Phase');
      // The in-progress phase's lenses: Mark phase complete | Mark failed | n/m steps.
      const lens = page.locator('.codelens-decoration:visible', { hasText: 'Mark failed' }).locator('a', { hasText: 'Mark phase complete' }).first();
      await lens.waitFor({ timeout: 30_000 });
      const file = join(server.workspacePath, 'execution-plan.md');
      const before = readFileSync(file, 'utf8');
      const row = treeRow('Phase 3');
      assert.equal(await row.locator('.codicon-pass-filled').count(), 0, 'phase 3 is not shown completed yet');
      await shot('codelens', { docs: true });
      await lens.click();
      // The plan had no unsaved changes, so the new status is saved for other tools to see.
      await assertEventually(async () => readFileSync(file, 'utf8') !== before, 'the file changed');
      const after = readFileSync(file, 'utf8');
      // Within Phase 3's own section (no other heading in between).
      assert.match(after, /## Phase 3:[^\n]*\n(?:(?!## )[^\n]*\n)*?\*\*Status:\*\* Completed/);
      assert.match(after, /\| 3 +\|[^\n]*\| Completed/);
      await row.locator('.codicon-pass-filled').waitFor({ timeout: 10_000 });
      // The lenses follow: the completed phase offers Reopen, no phase offers Mark failed any more.
      await assertEventually(
        async () => (await page.locator('.codelens-decoration:visible', { hasText: 'Mark failed' }).count()) === 0,
        'the lens of the completed phase changed',
        10_000,
      );
      await shot('after-complete', { docs: true });
    });

    it('shows the new percentage in the progress view', async () => {
      await palette('Phasewise: Focus on Progress View');
      const percent = progressFrame().locator('text=/\\d+%/').first();
      await percent.waitFor({ timeout: 30_000 });
      assert.match((await percent.textContent()) ?? '', /50%/);
      await shot('progress', { docs: true });
      // A click on a phase row puts the cursor on that phase's heading.
      const plan = readFileSync(join(server.workspacePath, 'execution-plan.md'), 'utf8').split('\n');
      const line = plan.findIndex((l) => l.startsWith('## Phase 5:')) + 1;
      await progressFrame().locator('li', { hasText: 'Phase 5' }).first().click();
      await page.locator('.statusbar-item', { hasText: `Ln ${line},` }).waitFor({ timeout: 10_000 });
    });

    it('updates the status bar item: after phase 3 was completed (above) it names phase 4 and 50%', async () => {
      await openFile('execution-plan.md');
      const item = page.locator('.statusbar-item', { hasText: /Phase \d+\/\d+ · \d+%/ }).first();
      await item.waitFor({ timeout: 15_000 });
      assert.equal(((await item.textContent()) ?? '').trim(), 'Phase 4/6 · 50%'); // it read Phase 3/6 · 33% before
      await shot('status-bar');
    });

    it('inserts a fix block from the command palette', async () => {
      await openFile('execution-log.md');
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+End');
      const file = join(server.workspacePath, 'execution-log.md');
      const countBefore = (readFileSync(file, 'utf8').match(/Root Cause/g) ?? []).length;
      await palette('Phasewise: Insert Fix Block');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('Search index missed renamed notes');
      await page.keyboard.press('Enter');
      await assertEventually(async () => /Search index missed renamed notes/.test(await editorText()), 'the fix block is in the editor');
      await assertEventually(async () => /Search index missed renamed notes/.test(readFileSync(file, 'utf8')), 'the fix block was saved');
      assert.equal((readFileSync(file, 'utf8').match(/Root Cause/g) ?? []).length, countBefore + 1, 'one more Root Cause field');
      await shot('template', { docs: true });
    });

    it(`ran in the ${host.name}`, () => {
      // The server's Node.js extension host logs every activation; in the web-worker host it has none of ours.
      const logs = join(runDir, 'ud', 'logs');
      const remote = readdirSync(logs, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('remoteexthost.log'))
        .map((f) => readFileSync(join(logs, f), 'utf8'))
        .join('\n');
      assert.ok(remote.length > 0, 'the server wrote its extension host log');
      const inNode = remote.includes('_doActivateExtension phasewise.phasewise');
      assert.equal(inNode, host.prefix === '', inNode ? 'activated in the Node.js extension host' : 'not activated in the Node.js extension host');
    });
  });

async function assertEventually(check, message, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) assert.fail(message);
    await new Promise((r) => setTimeout(r, 200));
  }
}
