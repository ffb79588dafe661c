import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { cliBundle, repoRoot } from './support/paths';

const CHROMIUM = process.env.OPENAPI_SECURITY_CHROMIUM ?? '/usr/bin/chromium';
const scratch = mkdtempSync(path.join(tmpdir(), 'openapi-security-report-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [cliBundle, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('openapi-security report', () => {
  it('writes a self-contained HTML page: no scripts, no external assets', () => {
    const out = path.join(scratch, 'static.html');
    const result = cli(['report', 'examples/insecure-api.yaml', 'test/fixtures/orders-3.0.yaml', '--out', out]);
    assert.equal(result.code, 0, 'a report is not a gate unless --fail-on says so');
    const html = readFileSync(out, 'utf8');
    assert.doesNotMatch(html, /<script|<link|\ssrc=|url\(/i);
    assert.match(html, /<svg [^>]*aria-label="Findings by OWASP category and severity"/);
    assert.match(html, /Top fixes by impact/);
    assert.match(html, /examples\/insecure-api\.yaml:7:10/);
    assert.match(html, /docs\/rules\.md#owasp-api8-2023-no-server-http/);
    assert.equal(cli(['report', 'examples/insecure-api.yaml', '--out', out, '--fail-on', 'error']).code, 1);
  });

  it('prints a Markdown report with the top fixes', () => {
    const { code, stdout } = cli(['report', 'examples/insecure-api.yaml', '--format', 'markdown']);
    assert.equal(code, 0);
    assert.match(stdout, /^## Top fixes by impact\n\n\| Rule \| Findings \| Score gain \|/m);
    assert.match(stdout, /^## examples\/insecure-api\.yaml$/m);
  });

  it('renders in headless Chromium with no failed or outgoing requests and shows the score', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} not found: install chromium (apt-get install chromium) or set OPENAPI_SECURITY_CHROMIUM` }, async () => {
    const out = path.join(scratch, 'report.html');
    assert.equal(cli(['report', 'examples/insecure-api.yaml', '--out', out]).code, 0);
    const expected = JSON.parse(cli(['lint', 'examples/insecure-api.yaml', '--format', 'json']).stdout).files[0].score;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const requests: string[] = [];
      const failed: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('requestfailed', (request) => failed.push(request.url()));
      const url = pathToFileURL(out).href;
      const response = await page.goto(url, { waitUntil: 'load' });
      assert.ok(response?.ok(), 'the page loaded');
      assert.deepEqual(failed, []);
      assert.deepEqual(requests, [url], 'the page fetches nothing but itself');
      assert.equal((await page.textContent('#score'))?.trim(), String(expected));
      assert.ok(await page.isVisible('#score'));
      const bars = await page.locator('svg rect').count();
      assert.ok(bars > 4, `the chart has bars (${bars})`);
      const screenshot = await page.screenshot({ fullPage: true, path: process.env.OPENAPI_SECURITY_REPORT_SCREENSHOT });
      assert.ok(screenshot.length > 10_000);
    } finally {
      await browser.close();
    }
  });
});
