// The contacts part of the real-window test: the customer's chat gets a label from the contact
// panel, the chat list is filtered by that label (the chat stays, nothing else does) and back,
// then a saved reply is typed as `/shortcut` in the composer, picked with Enter, filled with the
// customer's name, and sent. Leaves a screenshot of the panel. The saved reply is written
// through the app's own command (`save_quick_reply`), as its manager or `shopchat quick-replies
// add` would.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { words } from './lang.mjs';

const UI_MS = 10_000;

const byTestId = (browser, id) => browser.$(`[data-testid="${id}"]`);
const textOf = async (element) => String(await element.getProperty('textContent'));

export async function contactsStep(browser, { customer, outDir, at }) {
  const metrics = {};
  await (await byTestId(browser, 'nav-chats')).click();
  const row = browser.$(`[data-testid="chat-row"][data-wa-id="${customer}"]`);
  await row.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the customer chat is not listed' });
  await row.click();

  at('labelling the chat from the contact panel');
  await (await byTestId(browser, 'conversation-contact-panel')).click();
  const input = await byTestId(browser, 'contact-new-label');
  await input.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the contact panel did not open' });
  await input.setValue('VIP');
  await (await byTestId(browser, 'contact-add-label')).click();
  await browser.waitUntil(async () => (await textOf(await byTestId(browser, 'contact-panel'))).includes('VIP'), {
    timeout: UI_MS,
    timeoutMsg: 'the label is not on the contact',
  });
  await browser.saveScreenshot(join(outDir, 'contact-panel.png'));

  at('filtering the chat list by the label');
  const started = Date.now();
  await (await byTestId(browser, 'label-filter')).selectByVisibleText('VIP (1)');
  await browser.waitUntil(
    async () => {
      const rows = await browser.$$('[data-testid="chat-row"]');
      if (rows.length !== 1) return false;
      return (await rows[0].getAttribute('data-wa-id')) === customer;
    },
    { timeout: UI_MS, timeoutMsg: 'the label filter did not keep exactly the labelled chat' },
  );
  metrics.filterMs = Date.now() - started;
  await (await byTestId(browser, 'label-filter')).selectByVisibleText(words.allLabels);

  at('using a quick reply');
  await browser.execute(() =>
    window.__TAURI_INTERNALS__.invoke('save_quick_reply', {
      shortcut: 'thanks',
      text: 'Thank you, {{first_name}}! See you soon.',
      file: null,
      dropFile: false,
      replace: false,
    }),
  );
  const composer = await byTestId(browser, 'composer-input');
  await composer.click();
  await composer.setValue('/tha');
  await (await byTestId(browser, 'quick-reply-picker')).waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the / picker did not open' });
  await browser.keys('Enter');
  await browser.waitUntil(async () => String(await composer.getValue()).startsWith('Thank you, '), {
    timeout: UI_MS,
    timeoutMsg: 'the picked reply is not in the composer',
  });
  const filled = String(await composer.getValue());
  assert.ok(!filled.includes('{{'), `the reply's variables were not filled: ${filled}`);
  await browser.keys('Enter');
  await browser.waitUntil(
    () =>
      browser.execute(
        (t) => Array.from(document.querySelectorAll('[data-testid="message"][data-direction="out"]')).some((b) => (b.textContent ?? '').includes(t)),
        filled,
      ),
    { timeout: UI_MS, timeoutMsg: 'the quick reply was not sent' },
  );
  metrics.quickReply = filled;
  return metrics;
}
