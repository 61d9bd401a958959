// The chat part of the real-window test for issue 21: opening a chat puts the focus in the text
// box; an emoji a customer sends is drawn (in colour: not an empty box); a reaction the shop
// sends shows under its message only (no extra bubble) and the chat list says
// "You reacted 👍 to “…”". Leaves a screenshot of the emoji.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { colourfulness } from './png.mjs';
import { sandboxSay } from './sandbox.mjs';
import { words } from './lang.mjs';

const UI_MS = 10_000;
const CHAT_MS = 15_000;
const EMOJI = '🎉😀👍';

const textOf = async (element) => String(await element.getProperty('textContent'));
const quietly = (condition) => async () => {
  try {
    return await condition();
  } catch {
    return false;
  }
};

export async function chatStep(browser, { customer, outDir, at, log }) {
  const metrics = {};
  const conversation = `[data-testid="conversation"][data-wa-id="${customer}"]`;

  at('opening the chat puts the focus in the text box');
  await browser.$(`[data-testid="chat-row"][data-wa-id="${customer}"]`).click();
  await browser.$(conversation).waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the chat did not open' });
  await browser.waitUntil(
    () => browser.execute(() => document.activeElement?.getAttribute('data-testid') === 'composer-input'),
    { timeout: UI_MS, interval: 100, timeoutMsg: 'opening a chat did not focus the text box' },
  );

  at('an emoji from the customer is drawn');
  await sandboxSay(browser, customer, EMOJI);
  const bubbleSel = `${conversation} [data-testid="message"][data-direction="in"]`;
  await browser.waitUntil(
    quietly(async () => {
      // The simulated customer may answer on its own right after: look for the emoji's bubble,
      // not the latest one.
      for (const b of await browser.$$(bubbleSel)) if ((await textOf(b)).includes(EMOJI)) return true;
      return false;
    }),
    { timeout: CHAT_MS, interval: 100, timeoutMsg: `the customer's ${EMOJI} did not arrive` },
  );
  // The customer's automatic answer may arrive and move the bubble between finding its rectangle
  // and taking the screenshot: measured again (found again) a few times before failing.
  let bubble = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 300));
    for (const b of await browser.$$(bubbleSel)) if ((await textOf(b)).includes(EMOJI)) bubble = b;
    const text = await bubble.$('[data-testid="message-text"]');
    // WebKitWebDriver's element screenshots come out black under Xvfb: the whole window, and the
    // element's rectangle in it (device pixels).
    const rect = await browser.getElementRect(text.elementId);
    const ratio = await browser.execute(() => window.devicePixelRatio || 1);
    const png = Buffer.from(await browser.takeScreenshot(), 'base64');
    writeFileSync(join(outDir, 'emoji.png'), png);
    metrics.emoji = colourfulness(png, {
      x: rect.x * ratio,
      y: rect.y * ratio,
      width: rect.width * ratio,
      height: rect.height * ratio,
    });
    if (metrics.emoji.colours >= 20 && metrics.emoji.pixels >= 30) break;
  }
  assert.ok(
    metrics.emoji.colours >= 20 && metrics.emoji.pixels >= 30,
    `the emoji ${EMOJI} is not drawn in colour (${metrics.emoji.colours} saturated colours over ${metrics.emoji.pixels} pixels): no colour-emoji font? (fonts-noto-color-emoji)`,
  );
  log(`chat: ${EMOJI} drawn with ${metrics.emoji.colours} colours over ${metrics.emoji.pixels} pixels`);

  at('a reaction shows under its message only, and in words in the chat list');
  const before = (await browser.$$(`${conversation} [data-testid="message"]`)).length;
  await bubble.moveTo();
  // The actions sit beside the bubble (in its line), the reactions under it (in its wrap).
  const line = await bubble.parentElement();
  const wrap = await line.parentElement();
  const react = await line.$('[data-testid="action-react"]');
  await react.waitForExist({ timeout: UI_MS, timeoutMsg: 'the message has no React action' });
  await browser.execute((el) => el.click(), react);
  const thumbs = await line.$(`[data-testid="reaction-picker"] button[aria-label="${words.reactWithThumbs}"]`);
  await thumbs.waitForExist({ timeout: UI_MS, timeoutMsg: 'the reaction picker did not open' });
  await browser.execute((el) => el.click(), thumbs);
  await wrap.$('[data-testid="reaction"][data-direction="out"]').waitForDisplayed({
    timeout: UI_MS,
    timeoutMsg: 'the reaction is not shown under its message',
  });
  const preview = await browser.$(`[data-testid="chat-row"][data-wa-id="${customer}"] [data-testid="chat-preview"]`);
  await browser.waitUntil(quietly(async () => (await textOf(preview)).includes(words.reactedPrefix)), {
    timeout: UI_MS,
    interval: 100,
    timeoutMsg: 'the chat list does not say "You reacted 👍 to …"',
  });
  // Give a stray bubble (the old defect) time to show before counting.
  await browser.pause(1000);
  const after = await browser.$$(`${conversation} [data-testid="message"]`);
  assert.equal(after.length, before, 'the reaction added a bubble to the conversation');
  const shown = await browser.execute(() => document.body.innerText);
  assert.ok(!/\[(reaction|image|audio|video|sticker|document|unsupported)\]/.test(shown), 'raw [type] text is on screen');
  log(`chat: reaction under its message; list reads "${(await textOf(preview)).trim()}"`);
  return metrics;
}
