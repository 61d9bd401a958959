// The statistics and the language in the real window (issue 18): the Statistics section shows the
// messages of this run (a screenshot of the dashboard is left beside the others), then the app is
// switched to Spanish from the status bar, its words change at once (the section rail, the
// dashboard), and it is switched back to English.
import assert from 'node:assert/strict';
import { join } from 'node:path';

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
  const received = Number(/(\d+) received/.exec(text)?.[1] ?? 0);
  assert.ok(received > 0, `the statistics count no message received in this run: ${text.slice(0, 120)}`);
  await browser.saveScreenshot(join(outDir, 'statistics.png'));

  at('switching the app to Spanish');
  const language = await byTestId(browser, 'language');
  await language.selectByAttribute('value', 'es');
  await browser.waitUntil(async () => (await labelOf(browser, 'nav-statistics')) === 'Estadísticas', {
    timeout: UI_MS,
    timeoutMsg: 'the section rail is not in Spanish',
  });
  assert.equal(await labelOf(browser, 'nav-templates'), 'Plantillas');
  assert.equal(await labelOf(browser, 'nav-customers'), 'Clientes');
  await browser.saveScreenshot(join(outDir, 'statistics-es.png'));

  at('back to the system language (English here)');
  await language.selectByAttribute('value', 'system');
  await browser.waitUntil(async () => (await labelOf(browser, 'nav-statistics')) === 'Statistics', {
    timeout: UI_MS,
    timeoutMsg: 'the section rail did not come back to English',
  });
  await (await byTestId(browser, 'nav-chats')).click();
  log(`statistics: shown in ${statsMs} ms with ${received} messages received; Spanish and back`);
  return { statsMs, received };
}
