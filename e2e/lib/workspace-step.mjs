// The statistics and the language in the real window (issue 18): the Statistics section shows the
// messages of this run (a screenshot of the dashboard is left beside the others), then the app is
// switched to the other language from the status bar (Spanish in an English session, English in
// a Spanish one), its words change at once (the section rail, the dashboard), and it is switched
// back to the session's language.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CHOICE, LANG, OTHER, otherWords, words } from './lang.mjs';

const UI_MS = 10_000;

const byTestId = (browser, id) => browser.$(`[data-testid="${id}"]`);
const labelOf = (browser, id) =>
  browser.execute((sel) => document.querySelector(sel)?.getAttribute('aria-label') ?? '', `[data-testid="${id}"]`);

export async function workspaceStep(browser, { outDir, at, log }) {
  at('opening the statistics');
  const started = Date.now();
  await (await byTestId(browser, 'nav-statistics')).click();
  const perDay = await byTestId(browser, 'stats-per-day');
  await perDay.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the statistics did not show' });
  const statsMs = Date.now() - started;
  const text = String(await perDay.getProperty('textContent'));
  const received = Number(words.received.exec(text)?.[1] ?? 0);
  assert.ok(received > 0, `the statistics count no message received in this run: ${text.slice(0, 120)}`);
  // The label the contacts step gave and the broadcast the templates step sent are counted.
  const topLabels = String(await (await byTestId(browser, 'stats-top-labels')).getProperty('textContent'));
  assert.match(topLabels, /VIP/, `the top labels do not show the chat's label: ${topLabels.slice(0, 120)}`);
  const broadcastRows = await (await byTestId(browser, 'stats-broadcasts')).$$('tbody tr');
  assert.ok(broadcastRows.length >= 1, 'the statistics show no broadcast of this run');
  await browser.saveScreenshot(join(outDir, 'statistics.png'));

  at(`switching the app to the other language (${OTHER})`);
  const language = await byTestId(browser, 'language');
  await language.selectByAttribute('value', OTHER);
  await browser.waitUntil(async () => (await labelOf(browser, 'nav-statistics')) === otherWords.rail.statistics, {
    timeout: UI_MS,
    timeoutMsg: `the section rail is not in ${OTHER}`,
  });
  assert.equal(await labelOf(browser, 'nav-templates'), otherWords.rail.templates);
  assert.equal(await labelOf(browser, 'nav-customers'), otherWords.rail.customers);
  await browser.saveScreenshot(join(outDir, `statistics-${OTHER}.png`));

  at(`back to the session's language (${LANG})`);
  await language.selectByAttribute('value', CHOICE);
  await browser.waitUntil(async () => (await labelOf(browser, 'nav-statistics')) === words.rail.statistics, {
    timeout: UI_MS,
    timeoutMsg: `the section rail did not come back to ${LANG}`,
  });
  await (await byTestId(browser, 'nav-chats')).click();
  log(`statistics: shown in ${statsMs} ms with ${received} messages received; ${OTHER} and back to ${LANG}`);
  return { statsMs, received };
}
