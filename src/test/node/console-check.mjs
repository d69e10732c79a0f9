// The operator console in Debian's headless Chromium, driven by playwright-core (which downloads no browser): signs
// in (a wrong token first), finds an interaction by id and reads its rule and record number, opens and replays a dead
// letter and waits until it lands, runs the routing examples against the active rules and against an edited rule
// set, and erases a person. Prints one JSON line of what it saw. With a screenshot folder it saves each view in a
// 1280x800 window (the whole page) and the trace on a phone.
// Usage: node console-check.mjs <hub base URL> <api token> <interaction id> <dead letter id> <rules file>
//        <author channel> <author id> <author handle> [screenshot folder]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [base, token, interactionId, deadLetterId, rulesFile, authorChannel, authorId, authorHandle, shots] =
  process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const LANDING = 90_000;

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'socialwire-console-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 800 },
  locale: 'en-GB',
  timezoneId: 'UTC',
});
const seen = { cspViolations: [], pageErrors: [], otherHosts: [] };
try {
  const page = browser.pages()[0] ?? await browser.newPage();
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.cspViolations.push(m.text());
  });
  page.on('pageerror', (e) => seen.pageErrors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) seen.otherHosts.push(r.url());
  });
  page.on('dialog', (d) => d.accept());
  const shot = async (name) => {
    if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  };

  // sign in: a wrong token is refused with a message, the right one opens the console
  const response = await page.goto(`${base}/console`);
  seen.status = response.status();
  seen.csp = response.headers()['content-security-policy'] ?? null;
  await page.getByLabel('API token', { exact: true }).fill(`${token}-wrong`);
  await page.getByRole('button', { name: 'Open the console' }).click();
  await page.locator('#notice:not([hidden])').waitFor();
  seen.wrongToken = (await page.locator('#notice').textContent()).trim();
  await page.getByLabel('API token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Open the console' }).click();
  await page.getByRole('navigation', { name: 'Views' }).waitFor();
  seen.tokenKeptIn = await page.evaluate((t) => ({
    sessionStorage: Object.values(sessionStorage).includes(t), localStorage: localStorage.length,
    cookies: document.cookie,
  }), token);

  // trace: the author's interactions, then one by its id with the keyboard only
  await page.getByLabel('Search by').selectOption('author');
  await page.getByLabel('Value').fill(authorHandle);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('#trace-result table').waitFor();
  seen.byAuthor = await page.locator('#trace-result tbody tr td:first-child a')
    .evaluateAll((links) => links.map((a) => a.textContent));
  await page.getByLabel('Search by').selectOption('id');
  await page.getByLabel('Value').fill('');
  await page.getByLabel('Value').focus();
  await page.keyboard.type(interactionId);
  await page.keyboard.press('Enter');
  await page.locator('[data-step="record"] [data-field="number"]').waitFor();
  seen.trace = {
    hash: new URL(page.url()).hash,
    rule: (await page.locator('[data-step="dispatched"] [data-field="rule"]').textContent()).trim(),
    department: (await page.locator('[data-step="dispatched"] [data-field="department"]').textContent()).trim(),
    number: (await page.locator('[data-step="record"] [data-field="number"]').textContent()).trim(),
    steps: await page.locator('ol.timeline > li').evaluateAll((items) => items.map((i) => i.dataset.step)),
  };
  await shot('trace');

  // live: two polls without a reload
  await page.getByRole('link', { name: 'Live', exact: true }).click();
  await page.locator('#live-in .value').waitFor();
  const firstPoll = await page.locator('#live-at time').getAttribute('datetime');
  await page.waitForFunction((before) => {
    const at = document.querySelector('#live-at time');
    return at && at.getAttribute('datetime') !== before;
  }, firstPoll, { timeout: 10_000 });
  seen.live = {
    polledAgain: true,
    navigations: await page.evaluate(() => performance.getEntriesByType('navigation').length),
    dlqSize: Number(await page.locator('#live-dlq .value').getAttribute('data-value')),
    lagGroups: await page.locator('#live-result table').first().locator('tbody tr').count(),
  };
  await shot('live');

  // dead letters: open one (masked, then unmasked), replay it, wait until its record lands
  await page.getByRole('link', { name: 'Dead letters', exact: true }).click();
  await page.locator(`[data-open="${deadLetterId}"]`).click();
  await page.locator('#dlq-entry').waitFor();
  const masked = await page.locator('#dlq-entry pre').textContent();
  await page.locator(`input[data-id="${deadLetterId}"]`).check();
  await shot('dead-letters');
  await page.getByRole('button', { name: 'Unmask personal data' }).click();
  await page.getByText('Payload (unmasked)').waitFor();
  const unmasked = await page.locator('#dlq-entry pre').textContent();
  seen.deadLetter = {
    target: (await page.locator('#dlq-entry [data-field="target"]').textContent()).trim(),
    reason: (await page.locator('#dlq-entry [data-field="reason"]').textContent()).trim(),
    maskedPayload: masked,
    unmaskedPayload: unmasked,
  };
  await page.getByRole('button', { name: /^Replay selected/ }).click();
  const landed = page.locator(`#dlq-replay-result li[data-id="${deadLetterId}"][data-landed="yes"]`);
  await landed.waitFor({ timeout: LANDING });
  seen.replay = {
    said: (await page.locator('#dlq-replay-result p').first().textContent()).trim(),
    landedNumber: await landed.locator('[data-number]').getAttribute('data-number'),
  };
  await shot('dead-letters-replayed');

  // rules: explain a post, run the examples against the active rules, then against an edited rule set
  await page.getByRole('link', { name: 'Rules', exact: true }).click();
  await page.getByLabel('Text', { exact: true }).fill('Terrible, useless product. The worst experience I have ever had with a company.');
  await page.getByLabel('Followers').fill('250000');
  await page.getByRole('button', { name: 'Explain', exact: true }).click();
  await page.locator('#explanation').waitFor();
  seen.explain = {
    department: (await page.locator('#explanation [data-field="department"]').textContent()).trim(),
    rule: (await page.locator('#explanation [data-field="rule"]').textContent()).trim(),
  };
  await page.getByRole('button', { name: 'Run the examples' }).click();
  const summary = page.locator('#tests-summary[data-rules="current"]');
  await summary.waitFor({ timeout: 60_000 });
  seen.tests = {
    passed: Number(await summary.getAttribute('data-passed')),
    failed: Number(await summary.getAttribute('data-failed')),
    rows: await page.locator('#tests-summary tbody tr').count(),
    failedRows: await page.locator('#tests-summary tbody tr.failed').count(),
  };
  await shot('rules');
  // the edit: high reach starts at 50 million followers; the high-reach examples fail, nothing is saved
  const edited = fs.readFileSync(rulesFile, 'utf8').replaceAll('min: 50000', 'min: 50000000');
  await page.getByLabel('A rule set to try (routing.yaml), not saved').fill(edited);
  await page.getByRole('button', { name: 'Try this rule set against the examples' }).click();
  const proposed = page.locator('#tests-summary[data-rules="proposed"]');
  await proposed.waitFor({ timeout: 60_000 });
  seen.proposed = {
    passed: Number(await proposed.getAttribute('data-passed')),
    failed: Number(await proposed.getAttribute('data-failed')),
    failedTexts: await page.locator('#tests-summary tbody tr.failed td:nth-child(2)')
      .evaluateAll((cells) => cells.map((c) => c.textContent.trim())),
  };
  await shot('rules-proposed');

  // erasure: the form and its report
  await page.getByRole('link', { name: 'Erasure', exact: true }).click();
  await page.locator('#erasure-channel').selectOption(authorChannel);
  await page.getByLabel('Author id on that channel').fill(authorId);
  await page.getByLabel('I have the request of this person, erase them').check();
  await page.getByRole('button', { name: 'Erase', exact: true }).click();
  await page.locator('#erasure-report').waitFor({ timeout: 60_000 });
  seen.erasure = {
    interactions: Number((await page.locator('#erasure-report [data-field="interactions"]').textContent()).trim()),
  };
  await shot('erasure');

  // a phone: the trace of the replayed dead letter, then the dead letters
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/console/#trace/${encodeURIComponent(deadLetterId)}`);
  await page.locator('[data-step="record"]').waitFor();
  seen.phone = {
    overflowsSideways: await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth),
  };
  if (shots) await page.screenshot({ path: path.join(shots, 'phone-trace.png'), fullPage: true });

  // forgetting the token asks for it again
  await page.getByRole('button', { name: 'Forget token' }).click();
  seen.afterForget = {
    loginShown: await page.locator('#login').isVisible(),
    tokenKept: await page.evaluate(() => sessionStorage.length),
  };
} finally {
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(seen));
