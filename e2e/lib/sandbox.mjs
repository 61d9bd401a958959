// The simulated customer panel, driven from the real-window test.
import assert from 'node:assert/strict';

const UI_MS = 10_000;

/** Picks a customer in the simulated customer panel's <select>, by wa_id. */
export async function chooseCustomer(browser, waId) {
  const select = await browser.$('[data-testid="sandbox-from"]');
  await select.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the simulated customer <select> did not show' });
  await browser.waitUntil(
    async () => (await select.$(`option[value="${waId}"]`)).isExisting(),
    { timeout: UI_MS, timeoutMsg: `the simulated customer <select> has no <option value="${waId}">` },
  );
  await select.selectByAttribute('value', waId);
  if ((await select.getValue()) !== waId) {
    // Fall back to what a framework's change listener certainly sees.
    await browser.execute(
      (el, value) => {
        el.value = value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      },
      select,
      waId,
    );
  }
  assert.equal(await select.getValue(), waId, 'the simulated customer could not be chosen');
}


/** The simulated customer `waId` writes `text` (through the real signed-webhook path). */
export async function sandboxSay(browser, waId, text) {
  await chooseCustomer(browser, waId);
  const box = await browser.$('[data-testid="sandbox-text"]');
  await box.setValue(text);
  if ((await box.getValue()) !== text) {
    // WebKitWebDriver cannot type characters outside the BMP (most emoji): put the text in as a
    // paste would, and tell the framework.
    await browser.execute(
      (el, value) => {
        el.value = value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      },
      box,
      text,
    );
  }
  assert.equal(await box.getValue(), text, 'the simulated customer\'s message could not be typed');
  await (await browser.$('[data-testid="sandbox-send"]')).click();
}
