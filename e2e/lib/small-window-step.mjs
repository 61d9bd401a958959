// The real window at 760×480 (issue 21, small windows): the simulated-customer panel folds so
// the chat list keeps several rows, the text box stays on screen with the template picker open,
// and the settings wizard's buttons stay reachable. Restores the window's size after.
import assert from 'node:assert/strict';
import { join } from 'node:path';

const UI_MS = 10_000;

/** The element's box against the window's: whether it is wholly on screen. */
const onScreen = (browser, selector) =>
  browser.execute((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const b = el.getBoundingClientRect();
    return { top: b.top, bottom: b.bottom, height: window.innerHeight, inside: b.top >= -1 && b.bottom <= window.innerHeight + 1 && b.height > 0 };
  }, selector);

export async function smallWindowStep(browser, { outDir, at, log }) {
  const before = await browser.getWindowSize();
  at('a 760×480 window');
  await browser.setWindowSize(760, 480);
  await browser.waitUntil(async () => (await browser.execute(() => window.innerHeight)) <= 480, {
    timeout: UI_MS,
    timeoutMsg: 'the window did not shrink to 760×480',
  });

  at('760×480: the simulated-customer panel folds and the chat list keeps several rows');
  await browser.waitUntil(
    async () => (await (await browser.$('[data-testid="sandbox-panel"] .toggle')).getAttribute('aria-expanded')) === 'false',
    { timeout: UI_MS, interval: 100, timeoutMsg: 'the simulated-customer panel did not fold at 760×480' },
  );
  if (outDir) await browser.saveScreenshot(join(outDir, 'small-window.png'));
  const rows = await browser.execute(() => {
    const list = document.querySelector('[data-testid="chat-list"]')?.getBoundingClientRect();
    if (!list) return 0;
    const bottom = Math.min(list.bottom, window.innerHeight);
    return [...document.querySelectorAll('[data-testid="chat-row"]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= list.top - 1 && b.bottom <= bottom + 1;
    }).length;
  });
  assert.ok(rows >= 3, `only ${rows} chat rows are visible at 760×480`);

  at('760×480: the text box stays on screen with the template picker open');
  await (await browser.$('[data-testid="composer-templates"]')).click();
  await (await browser.$('[data-testid="template-picker"]')).waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the template picker did not open' });
  const box = await onScreen(browser, '[data-testid="composer-input"]');
  assert.ok(box?.inside, `the text box is off screen with the template picker open: ${JSON.stringify(box)}`);
  await browser.keys('Escape');

  at('760×480: the contact panel lies over the conversation instead of squeezing the text box');
  // The contacts step may have left it open; it covers the button that opens it.
  if (!(await (await browser.$('[data-testid="contact-panel"]')).isExisting())) {
    await (await browser.$('[data-testid="conversation-contact-panel"]')).click();
  }
  await (await browser.$('[data-testid="contact-panel"]')).waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the contact panel did not open' });
  const widths = await browser.execute(() => ({
    input: document.querySelector('[data-testid="composer-input"]')?.getBoundingClientRect().width ?? 0,
    panel: document.querySelector('[data-testid="contact-panel"]')?.getBoundingClientRect().width ?? 0,
  }));
  assert.ok(widths.input >= 200, `the text box is ${Math.round(widths.input)} px wide with the contact panel open`);
  assert.ok(widths.panel >= 240, `the contact panel is ${Math.round(widths.panel)} px wide`);
  if (outDir) await browser.saveScreenshot(join(outDir, 'small-window-contact.png'));
  // The panel lies over the conversation's header too: it closes with its own button.
  await (await browser.$('[data-testid="contact-panel"] .close')).click();
  await (await browser.$('[data-testid="contact-panel"]')).waitForExist({ reverse: true, timeout: UI_MS, timeoutMsg: 'the contact panel did not close' });

  at('760×480: the wizard\'s buttons stay reachable');
  await (await browser.$('[data-testid="go-live"]')).click();
  await (await browser.$('[data-testid="setup-wizard"]')).waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the wizard did not open' });
  const foot = await onScreen(browser, '[data-testid="setup-wizard"] footer');
  assert.ok(foot?.inside, `the wizard's buttons are off screen at 760×480: ${JSON.stringify(foot)}`);
  await (await browser.$('[data-testid="setup-close"]')).click();

  await browser.setWindowSize(before.width, before.height);
  log(`small window: ${rows} chat rows visible, the text box and the wizard's buttons on screen at 760×480`);
  return { rows };
}
