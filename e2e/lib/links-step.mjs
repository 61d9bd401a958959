// The account-links part of the real-window test: a customer record made in the Customers
// section, its one-time code shown, the simulated customer sending `LINK <code>` from the chat,
// the record showing linked and the conversation header naming it; then `status` and `unlink`
// (confirmed with `yes`) from the chat. Leaves a screenshot of the record with its code.
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { sandboxSay } from './sandbox.mjs';

const UI_MS = 10_000;
const CHAT_MS = 15_000; // a simulated customer's message through the signed-webhook path, and the bot's answer

const byTestId = (browser, id) => browser.$(`[data-testid="${id}"]`);
const textOf = async (element) => String(await element.getProperty('textContent'));
const quietly = (condition) => async () => {
  try {
    return await condition();
  } catch {
    return false;
  }
};

/** The text of the newest automatic reply in the open conversation that contains `needle`. */
async function botSaid(browser, needle, timeoutMsg) {
  await browser.waitUntil(
    quietly(() =>
      browser.execute((n) => {
        const bubbles = document.querySelectorAll('[data-testid="conversation"] [data-testid="message"][data-direction="out"]');
        return Array.from(bubbles).some(
          (b) => b.querySelector('[data-testid="auto-tag"]') && (b.textContent ?? '').includes(n),
        );
      }, needle),
    ),
    { timeout: CHAT_MS, interval: 100, timeoutMsg },
  );
}

export async function linksStep(browser, { customer, outDir, at, log }) {
  const metrics = {};

  at('adding a customer record');
  await (await byTestId(browser, 'nav-customers')).click();
  await (await byTestId(browser, 'new-customer')).click();
  const name = await byTestId(browser, 'customer-name');
  await name.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the new record form did not open' });
  await name.setValue('Ben Okafor');
  await (await byTestId(browser, 'customer-ref')).setValue('C-0042');
  await (await byTestId(browser, 'save-customer')).click();
  await browser.$('[data-testid="customer-row"][data-ref="C-0042"]').waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the record is not listed' });

  at('showing its one-time code');
  await (await byTestId(browser, 'link-whatsapp')).click();
  const codeEl = await byTestId(browser, 'link-code');
  await codeEl.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'no code was shown' });
  const code = await codeEl.getAttribute('data-code');
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{10}$/, `the code: ${code}`);
  const qrLoaded = await browser.execute(() => {
    const img = document.querySelector('[data-testid="link-code-panel"] img');
    return Boolean(img && img.complete && img.naturalWidth > 0);
  });
  assert.ok(qrLoaded, 'the QR code is not drawn');
  await browser.saveScreenshot(join(outDir, 'customer-code.png'));

  at('the customer sends LINK <code> from WhatsApp');
  await (await byTestId(browser, 'nav-chats')).click();
  const sentAt = performance.now();
  await sandboxSay(browser, customer, `LINK ${code}`);
  await (await byTestId(browser, 'nav-customers')).click();
  await browser.$('[data-testid="customer-row"][data-ref="C-0042"]').click();
  await browser.waitUntil(
    quietly(async () => (await (await byTestId(browser, 'customer-record')).getAttribute('data-linked')) === 'true'),
    { timeout: CHAT_MS, interval: 100, timeoutMsg: 'the record did not show linked' },
  );
  metrics.linkedMs = Math.round(performance.now() - sentAt);
  log(`links: the record shows linked ${metrics.linkedMs} ms after the customer sent the code`);

  at('the conversation header names the record');
  await (await byTestId(browser, 'nav-chats')).click();
  await (await browser.$(`[data-testid="chat-row"][data-wa-id="${customer}"]`)).click();
  const header = await byTestId(browser, 'conversation-linked');
  await header.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the header does not name the linked record' });
  assert.equal((await textOf(header)).trim(), 'Ben Okafor · C-0042');
  await botSaid(browser, 'now linked to the account of Ben Okafor (C-0042)', 'the bot did not confirm the link in the chat');

  at('status from the chat');
  await sandboxSay(browser, customer, 'status');
  await botSaid(browser, 'is linked to the account of Ben Okafor (C-0042) since', 'the bot did not answer status');

  at('unlink from the chat, confirmed');
  await sandboxSay(browser, customer, 'unlink');
  await botSaid(browser, 'Answer yes or no', 'the bot did not ask to confirm the unlink');
  await sandboxSay(browser, customer, 'yes');
  await botSaid(browser, 'no longer linked', 'the bot did not confirm the unlink');
  await (await byTestId(browser, 'conversation-link')).waitForDisplayed({ timeout: CHAT_MS, timeoutMsg: 'the header still names the record after the unlink' });
  log('links: status and unlink answered in the chat; the header offers Link… again');
  return metrics;
}
