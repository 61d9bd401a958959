// The settings wizard in the real window: going live with the rehearsal's credentials (a fake
// Graph API and a stand-in ngrok that the rehearsal provides), then back to the sandbox.
import assert from 'node:assert/strict';
import { words } from './lang.mjs';

const UI_MS = 10_000; // an element that should already be there
const INBOUND_MS = 15_000; // the app restarting live, the tunnel coming online

const textOf = async (element) => String(await element.getProperty('textContent'));

/** A condition that is false, not an error, while its element is being re-rendered. */
const quietly = (condition) => async () => {
  try {
    return await condition();
  } catch {
    return false;
  }
};

const REHEARSAL = {
  accessToken: 'shopchat-sandbox-access-token',
  phoneNumberId: '100000000000001',
  wabaId: '200000000000002',
  appSecret: 'shopchat-sandbox-app-secret',
};

const byTestId = (browser, id) => browser.$(`[data-testid="${id}"]`);

/** Types into a field of the wizard, replacing what it held. */
async function fill(browser, id, value) {
  const field = await byTestId(browser, id);
  await field.waitForDisplayed({ timeout: UI_MS, timeoutMsg: `no ${id} field` });
  await field.clearValue();
  await field.setValue(value);
}

/** Waits until an element's attribute has a value, naming what was seen otherwise. */
async function attributeBecomes(browser, id, attribute, wanted) {
  let last = '(none)';
  await browser.waitUntil(
    quietly(async () => {
      last = await (await byTestId(browser, id)).getAttribute(attribute);
      return last === wanted;
    }),
    { timeout: INBOUND_MS, interval: 100, timeoutMsg: `${id} ${attribute} never became ${wanted} (last: ${last})` },
  );
}

async function wizardStep(browser, n) {
  await attributeBecomes(browser, 'setup-wizard', 'data-step', String(n));
}

/**
 * Walks the settings wizard with the rehearsal's credentials: a wrong token first (explained at
 * its field), then the right one; a generated verify token; the ngrok tunnel; Connect (the app
 * restarts live); the webhook URL; Point Meta at this URL; Open chats (live, no sandbox banner);
 * the diagnostics; then Disconnect back to the sandbox. Returns how long it took.
 */
export async function goLive(browser, at) {
  const started = performance.now();
  at('opening the wizard');
  await (await byTestId(browser, 'go-live')).click();
  await (await byTestId(browser, 'setup-wizard')).waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the wizard did not open' });
  await (await byTestId(browser, 'setup-rehearsal')).waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the app is not in the rehearsal' });
  await wizardStep(browser, 1);
  await (await byTestId(browser, 'setup-next')).click();
  await wizardStep(browser, 2);

  at('test connection with a wrong token');
  await fill(browser, 'setup-access-token', 'EAAthis-token-expired');
  await fill(browser, 'setup-phone-number-id', REHEARSAL.phoneNumberId);
  await fill(browser, 'setup-waba-id', REHEARSAL.wabaId);
  await (await byTestId(browser, 'setup-test-connection')).click();
  await attributeBecomes(browser, 'setup-connection-result', 'data-result', 'problem');
  const tokenError = await byTestId(browser, 'setup-access-token-error');
  await tokenError.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the refused token is not explained at its field' });
  // The engine's own words, in the app's language (the window tells the engine which).
  assert.match(await textOf(tokenError), words.tokenRefused);
  assert.equal(await (await byTestId(browser, 'setup-next')).isEnabled(), false, 'Next is enabled after a failed test');

  at('test connection with the right token');
  await fill(browser, 'setup-access-token', REHEARSAL.accessToken);
  await (await byTestId(browser, 'setup-test-connection')).click();
  await attributeBecomes(browser, 'setup-connection-result', 'data-result', 'ok');
  assert.equal(await textOf(await byTestId(browser, 'setup-verified-name')), 'Shopchat Sandbox Shop');
  await (await byTestId(browser, 'setup-next')).click();
  await wizardStep(browser, 3);

  at('app secret and verify token');
  await fill(browser, 'setup-app-secret', REHEARSAL.appSecret);
  await browser.waitUntil(
    quietly(async () => ((await (await byTestId(browser, 'setup-verify-token')).getValue()) ?? '').length === 32),
    { timeout: UI_MS, interval: 100, timeoutMsg: 'no verify token was generated' },
  );
  await (await byTestId(browser, 'setup-next')).click();
  await wizardStep(browser, 4);

  at('the tunnel');
  await (await byTestId(browser, 'setup-tunnel-ngrok')).click();
  await fill(browser, 'setup-ngrok-authtoken', '2rehearsalNgrokAuthtoken');
  await (await byTestId(browser, 'setup-connect')).click();
  at('waiting for the tunnel to be online');
  await attributeBecomes(browser, 'setup-tunnel-state', 'data-state', 'online');
  const webhook = await textOf(await byTestId(browser, 'setup-webhook-url'));
  assert.match(webhook, /^http:\/\/127\.0\.0\.1:\d+\/webhook$/, `the webhook URL: ${webhook}`);
  at('pointing Meta at the tunnel');
  await (await byTestId(browser, 'setup-point-meta')).click();
  await attributeBecomes(browser, 'setup-point-result', 'data-result', 'ok');
  await (await byTestId(browser, 'setup-next')).click();
  await wizardStep(browser, 5);
  await (await byTestId(browser, 'setup-done')).waitForDisplayed({ timeout: UI_MS });
  const elapsed = Math.round(performance.now() - started);

  at('opening the chats, live');
  await (await byTestId(browser, 'setup-open-chats')).click();
  await attributeBecomes(browser, 'status-tunnel', 'data-state', 'online');
  assert.equal(await (await byTestId(browser, 'sandbox-banner')).isExisting(), false, 'still in the sandbox');

  at('the diagnostics');
  await (await byTestId(browser, 'open-diagnostics')).click();
  const mode = await byTestId(browser, 'diagnostics-mode');
  await mode.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the diagnostics did not open' });
  assert.equal(await textOf(mode), words.live);
  assert.equal(await (await byTestId(browser, 'diagnostics-tunnel')).getAttribute('data-state'), 'online');
  await (await byTestId(browser, 'diagnostics-close')).click();

  at('disconnecting');
  await (await byTestId(browser, 'open-settings')).click();
  await (await byTestId(browser, 'setup-wizard')).waitForDisplayed({ timeout: UI_MS });
  await (await byTestId(browser, 'setup-disconnect')).click();
  await (await byTestId(browser, 'setup-disconnect-confirm')).click();
  await (await byTestId(browser, 'sandbox-banner')).waitForDisplayed({ timeout: INBOUND_MS, timeoutMsg: 'not back in the sandbox after Disconnect' });
  return elapsed;
}
