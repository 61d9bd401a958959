// The documents part of the real-window test: a product added in the shop settings, an invoice
// made from a conversation (the product list completes its line, the total is exact, the PDF
// preview is drawn), issued and sent, its record reaching the read tick, and the document bubble
// in the chat opening that record. Leaves screenshots of the editor and the record.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { words } from './lang.mjs';

const UI_MS = 10_000;
const PREVIEW_MS = 20_000; // pdf.js loads on first use, then draws
const READ_MS = 20_000; // upload, send, delivered, read

const byTestId = (browser, id) => browser.$(`[data-testid="${id}"]`);
const textOf = async (element) => String(await element.getProperty('textContent'));
const quietly = (condition) => async () => {
  try {
    return await condition();
  } catch {
    return false;
  }
};

/** Types into an input found by its accessible label, replacing what it held. */
async function typeInto(browser, label, value) {
  const field = await browser.$(`input[aria-label="${label}"]`);
  await field.waitForDisplayed({ timeout: UI_MS, timeoutMsg: `no field "${label}"` });
  await field.click();
  await field.clearValue();
  await field.setValue(value);
  return field;
}

/** Whether the preview's first page has been drawn (some pixels are not white). */
function previewDrawn(browser) {
  return browser.execute(() => {
    const canvas = document.querySelector('[data-testid="pdf-preview"] canvas[data-testid="pdf-page"]');
    if (!canvas || canvas.width === 0) return false;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4 * 7) if (data[i] < 200 && data[i + 3] > 0) inked++;
    return inked > 200;
  });
}

/**
 * Runs the step for `customer`, whose 24-hour window is open (they wrote during the test).
 * `at` names the sub-step for failure messages; returns timings.
 */
export async function documentsStep(browser, { customer, outDir, at, log }) {
  const metrics = {};

  at('adding a product in the shop settings');
  await (await byTestId(browser, 'open-shop-settings')).click();
  const settings = await byTestId(browser, 'shop-settings');
  await settings.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the shop settings did not open' });
  await (await byTestId(browser, 'shop-tab-products')).click();
  await typeInto(browser, words.newProduct.name, 'Blue mug');
  await typeInto(browser, words.newProduct.price, '12.50');
  await typeInto(browser, words.newProduct.tax, '21');
  await (await byTestId(browser, 'add-product')).click();
  await browser.waitUntil(
    quietly(async () => (await browser.$$('[data-testid="product-row"]')).length === 1),
    { timeout: UI_MS, interval: 100, timeoutMsg: 'the product was not added' },
  );
  await browser.keys('Escape');
  await settings.waitForDisplayed({ reverse: true, timeout: UI_MS, timeoutMsg: 'the shop settings did not close' });

  at('creating a document from the conversation');
  await (await browser.$(`[data-testid="chat-row"][data-wa-id="${customer}"]`)).click();
  await (await browser.$(`[data-testid="conversation"][data-wa-id="${customer}"]`)).waitForDisplayed({ timeout: UI_MS });
  await (await byTestId(browser, 'create-document')).click();
  const editor = await byTestId(browser, 'document-editor');
  await editor.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the editor did not open' });
  assert.equal(await (await byTestId(browser, 'document-customer')).getValue(), customer, 'the editor is not prefilled with the chat\'s customer');

  at('a line completed from the product list');
  await typeInto(browser, words.line.description(1), 'blue');
  const option = await browser.$(`[role="listbox"][aria-label="${words.products}"] [role="option"]`);
  await option.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the product list does not complete "blue"' });
  await browser.keys('Enter');
  await browser.waitUntil(
    quietly(async () => (await (await browser.$(`input[aria-label="${words.line.unitPrice(1)}"]`)).getValue()) === '12.50'),
    { timeout: UI_MS, interval: 100, timeoutMsg: 'the product did not fill the line\'s price' },
  );
  await typeInto(browser, words.line.quantity(1), '2');

  at('the exact total');
  let total = '';
  await browser.waitUntil(
    quietly(async () => {
      total = (await textOf(await byTestId(browser, 'document-total'))).trim();
      return total === words.invoiceTotal;
    }),
    { timeout: UI_MS, interval: 100, timeoutMsg: `the total is not ${words.invoiceTotal} (2 × 12.50 + 21 %)` },
  );

  at('the preview of the file');
  const previewAsked = performance.now();
  await browser.waitUntil(quietly(() => previewDrawn(browser)), {
    timeout: PREVIEW_MS,
    interval: 100,
    timeoutMsg: 'the PDF preview was not drawn',
  });
  metrics.previewMs = Math.round(performance.now() - previewAsked);
  log(`documents: the PDF preview is drawn (${metrics.previewMs} ms after the last keystroke)`);
  await browser.saveScreenshot(join(outDir, 'document-editor.png'));

  at('Issue and send');
  await (await byTestId(browser, 'issue-and-send')).click();
  const record = await byTestId(browser, 'document-record');
  await record.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the issued document\'s record did not show' });
  const number = await record.getAttribute('data-number');
  assert.match(number, /^INV-\d{4}-0001$/, `the first invoice's number: ${number}`);
  const sentAt = performance.now();
  let status = '';
  await browser.waitUntil(
    quietly(async () => {
      status = await (await byTestId(browser, 'document-status')).getAttribute('data-status');
      return status === 'read';
    }),
    { timeout: READ_MS, interval: 100, timeoutMsg: `${number} did not reach the read tick (last: ${status})` },
  );
  metrics.sentToReadMs = Math.round(performance.now() - sentAt);
  log(`documents: ${number} issued, sent and read in ${metrics.sentToReadMs} ms`);
  await browser.waitUntil(quietly(() => previewDrawn(browser)), { timeout: PREVIEW_MS, interval: 100, timeoutMsg: 'the record\'s PDF was not drawn' });
  await browser.saveScreenshot(join(outDir, 'document-record.png'));
  const row = await browser.$(`[data-testid="document-row"][data-number="${number}"]`);
  assert.equal(await row.getAttribute('data-status'), 'read', 'the list does not show the read tick');

  at('the document bubble in the chat');
  await (await byTestId(browser, 'nav-chats')).click();
  await (await browser.$(`[data-testid="chat-row"][data-wa-id="${customer}"]`)).click();
  const bubble = await browser.$(`[data-testid="conversation"] [data-testid="message"][data-direction="out"][data-status="read"] [data-testid="open-document-record"]`);
  await bubble.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'no read document bubble that opens its record' });
  assert.ok((await textOf(bubble)).includes(number), `the bubble names ${number}`);
  await bubble.click();
  await browser.$(`[data-testid="document-record"][data-number="${number}"]`).waitForDisplayed({
    timeout: UI_MS,
    timeoutMsg: 'the bubble did not open the document\'s record',
  });
  await (await byTestId(browser, 'nav-chats')).click();
  metrics.number = number;
  return metrics;
}
