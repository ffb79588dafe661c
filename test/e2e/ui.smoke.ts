/**
 * What a person sees: the extension installed into code-server, a spec opened in the browser,
 * the squiggle, the Problems panel, the hover, the quick fix, and the file on disk after saving.
 * Screenshots of each step go to test-results/ui/. Keyboard paths first: they are the most reliable.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { repoRoot } from '../support/paths';
import { installVsix, removeScratch, scratch, startCodeServer, tools } from './codeServer';

const STEP_MS = 30_000;
const SPEC = 'orders.yaml';
const HTTP_RULE = 'owasp:api8:2023-no-server-http';
const FIX_TITLE = 'Switch the server URL to https';
const shots = path.join(repoRoot, 'test-results', 'ui');

let passed = 0;
let step = 0;

/** One named step: run, screenshot (also on failure, named after the step), count. */
async function check(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  step++;
  const file = path.join(shots, `${String(step).padStart(2, '0')}-${name.replace(/\W+/g, '-')}.png`);
  try {
    await body();
  } catch (error) {
    await page.screenshot({ path: file.replace(/\.png$/, '-FAILED.png') }).catch(() => undefined);
    throw new Error(`step "${name}" failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  await page.screenshot({ path: file });
  passed++;
  process.stdout.write(`ok - ${name}\n`);
}

/**
 * Runs in the page (a string: this project compiles without DOM types). The centre of the error
 * squiggle on the line that shows `needle`, or null while there is none. One synchronous pass over
 * the DOM, because the editor re-renders its lines whenever decorations arrive.
 */
const SQUIGGLE_ON_LINE = `(needle) => {
  const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')].filter((l) => l.textContent.includes(needle));
  if (lines.length !== 1) return null;
  const line = lines[0].getBoundingClientRect();
  for (const squiggle of document.querySelectorAll('.editor-instance .monaco-editor .squiggly-error')) {
    const box = squiggle.getBoundingClientRect();
    const y = box.top + box.height / 2;
    if (box.width > 0 && y >= line.top && y <= line.bottom) return { x: box.left + box.width / 2, y };
  }
  return null;
}`;

/** Where to point the mouse for the squiggle under the http server URL; waits (bounded) for it. */
async function httpSquiggle(page: Page): Promise<{ x: number; y: number }> {
  const handle = await page.waitForFunction(`(${SQUIGGLE_ON_LINE})('http://api.example.com')`, undefined, { timeout: STEP_MS });
  return (await handle.jsonValue()) as { x: number; y: number };
}

/** Bounded wait for a condition outside the page (the file on disk): checks every 50 ms. */
async function until(condition: () => boolean, what: string, ms = STEP_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Types into the Problems filter like a person (the panel has other, hidden filter inputs). */
async function filterProblems(page: Page, text: string): Promise<void> {
  const input = page.locator('.markers-panel-action-filter input, .viewpane-filter input').filter({ visible: true }).first();
  await input.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
  const value = await input.inputValue();
  if (value !== text) throw new Error(`Problems filter holds "${value}", not "${text}"`);
}

async function refocusEditor(page: Page): Promise<void> {
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
}

async function runSmoke(page: Page, url: string, workspace: string): Promise<void> {
  await check(page, 'workbench with the fixture workspace', async () => {
    await page.goto(`${url}?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_MS });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: STEP_MS });
  });

  await check(page, 'squiggle on the http server URL', async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: STEP_MS });
    await input.fill(SPEC);
    // Enter only once the file is the first pick, not while the list still shows recent files.
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: SPEC }).waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Enter');
    await page.locator(`.tab.active[aria-label*="${SPEC}"]`).waitFor({ timeout: STEP_MS });
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: STEP_MS });
    await httpSquiggle(page);
  });

  await check(page, 'Running Extensions shows the activation time', async () => {
    // VS Code's own measurement (activate() called → resolved), whatever event activated the extension.
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: STEP_MS });
    await page.keyboard.type('Developer: Show Running Extensions');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Show Running Extensions' }).waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Enter');
    const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'OpenAPI Security' });
    await row.waitFor({ timeout: STEP_MS });
    const time = await row.locator('.activation-time').innerText();
    process.stdout.write(`E2E-TIMING VS Code reports the extension's activation: ${time.replace(/\s+/g, ' ')}\n`);
  });

  await check(page, 'Problems panel lists the findings with their codes', async () => {
    await page.keyboard.press('Control+W'); // the Running Extensions editor, back to the spec
    await page.locator(`.tab.active[aria-label*="${SPEC}"]`).waitFor({ timeout: STEP_MS });
    await refocusEditor(page);
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: HTTP_RULE }).waitFor({ timeout: STEP_MS });
    // The list is virtualised: rows below the fold do not exist, so filter to see a given finding.
    await filterProblems(page, 'no-additionalProperties');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'owasp:api3:2023-no-additionalProperties' }).waitFor({ timeout: STEP_MS });
    await filterProblems(page, '');
    await page.locator('.markers-panel .monaco-list-row', { hasText: HTTP_RULE }).waitFor({ timeout: STEP_MS });
    // Back to the editor: keys pressed later must not land in the filter box (Escape would clear it).
    await refocusEditor(page);
  });

  await check(page, 'hover shows the OWASP reference', async () => {
    const centre = await httpSquiggle(page);
    await page.mouse.move(centre.x, centre.y);
    await page.locator('.monaco-hover', { hasText: 'OWASP API Security Top 10 2023' }).first().waitFor({ state: 'visible', timeout: STEP_MS });
  });

  await check(page, 'Ctrl+. offers the quick fix', async () => {
    // Away from the squiggle so the hover closes, then the cursor into the finding by keyboard
    // (Ctrl+G line:column): a click could land on a hover still fading out.
    await page.mouse.move(5, 5);
    await page.locator('.monaco-hover').filter({ visible: true }).waitFor({ state: 'hidden', timeout: STEP_MS });
    await refocusEditor(page);
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: STEP_MS });
    await page.keyboard.type('6:15');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_MS });
    await page.locator('.statusbar', { hasText: 'Ln 6, Col 15' }).waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget', { hasText: FIX_TITLE }).waitFor({ state: 'visible', timeout: STEP_MS });
  });

  await check(page, 'applying the fix and saving changes the file and removes the finding', async () => {
    await page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).click();
    await page.locator('.editor-instance .monaco-editor .view-line', { hasText: 'https://api.example.com' }).waitFor({ timeout: STEP_MS });
    await page.locator(`.tab.active.dirty[aria-label*="${SPEC}"]`).waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Control+S');
    await page.locator(`.tab.active:not(.dirty)[aria-label*="${SPEC}"]`).waitFor({ timeout: STEP_MS });
    const file = path.join(workspace, SPEC);
    const fixedLine = '  - url: https://api.example.com/v1 # production\n';
    await until(() => readFileSync(file, 'utf8').includes(fixedLine), `${SPEC} on disk to have the fix`);
    // The finding's row goes; the server's other findings on that line (inventory rules) stay.
    await page.locator('.markers-panel .monaco-list-row', { hasText: HTTP_RULE }).waitFor({ state: 'detached', timeout: STEP_MS });
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'owasp:api9:2023-inventory-access' }).waitFor({ timeout: STEP_MS });
  });
}

/** The number of check() steps in runSmoke: the ones not reached count as failed. */
const STEPS = 7;

async function main(): Promise<number> {
  rmSync(shots, { recursive: true, force: true }); // only this run's screenshots
  mkdirSync(shots, { recursive: true });
  const { root, workspace } = scratch('ui');
  const cleanups: Array<() => Promise<void>> = [async () => removeScratch(root)];
  let failure: string | undefined;
  try {
    installVsix(root);
    const server = await startCodeServer(root, workspace);
    cleanups.unshift(server.stop);
    const browser = await chromium.launch({
      executablePath: tools().chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    cleanups.unshift(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await runSmoke(page, server.url, workspace);
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    // Browser, then code-server (its whole process group), then the scratch tree: whatever was started.
    for (const cleanup of cleanups) await cleanup();
  }
  if (failure) process.stdout.write(`not ok - ${failure}\n`);
  process.stdout.write(`screenshots in ${path.relative(repoRoot, shots)}/\nE2E-RESULT ${passed} ${STEPS - passed}\n`);
  return failure ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
