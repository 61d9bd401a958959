// Templates and broadcasts in the real window (issue 17): a template is written in the studio
// (a rule broken first, shown at its field), submitted to the sandbox's fake Graph API, and its
// approval arrives as Meta's status webhook and turns its row APPROVED; then a broadcast of that
// template to every simulated customer runs through to its report.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { words } from './lang.mjs';

const UI_MS = 10_000;
const REVIEW_MS = 30_000; // the fake's review delay plus the webhook
const BROADCAST_MS = 60_000; // a handful of recipients at the sandbox's rate, then their statuses

const byTestId = (browser, id) => browser.$(`[data-testid="${id}"]`);
const textOf = async (element) => String(await element.getProperty('textContent'));

async function setField(browser, id, value) {
  const field = await byTestId(browser, id);
  await field.waitForDisplayed({ timeout: UI_MS, timeoutMsg: `no ${id} field` });
  await field.clearValue();
  await field.setValue(value);
}

export async function templatesStep(browser, { outDir, at, log }) {
  const name = `e2e_pickup_${Date.now().toString(36)}`;
  at('opening the templates');
  await (await byTestId(browser, 'nav-templates')).click();
  await (await byTestId(browser, 'templates-section')).waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the templates did not show' });

  at('writing a template with a broken rule');
  await (await byTestId(browser, 'templates-new')).click();
  await (await byTestId(browser, 'template-editor')).waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the editor did not open' });
  await setField(browser, 'template-name', name);
  await setField(browser, 'template-language', 'en');
  await (await byTestId(browser, 'template-category')).selectByAttribute('value', 'utility');
  // A parameter at the very start is one of Meta's refusals: named at the body before submitting.
  await setField(browser, 'template-body', '{{1}}, your order is ready for pick-up.');
  await browser.waitUntil(
    async () => {
      for (const p of await browser.$$('[data-testid="template-problem"]')) {
        if (words.paramAtStart.test(await textOf(p))) return true;
      }
      return false;
    },
    { timeout: UI_MS, timeoutMsg: 'a parameter at the start of the body is not named at its field' },
  );

  at('fixing it, with the live preview');
  await setField(browser, 'template-body', 'Hi {{1}}, your order is ready for pick-up at our shop.');
  await setField(browser, 'template-example', 'Ana');
  await browser.waitUntil(async () => (await textOf(await byTestId(browser, 'template-preview-body'))).includes('Hi Ana, your order'), {
    timeout: UI_MS,
    timeoutMsg: 'the preview does not show the example in the body',
  });
  await browser.saveScreenshot(join(outDir, 'template-editor.png'));

  at('submitting it and waiting for Meta\'s approval');
  const submitted = Date.now();
  await (await byTestId(browser, 'template-submit')).click();
  const row = `[data-testid="template-row"][data-name="${name}"][data-language="en"]`;
  await (await browser.$(row)).waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the new template is not listed' });
  let status = '';
  await browser.waitUntil(
    async () => {
      status = (await (await browser.$(row)).getAttribute('data-status')) ?? '';
      return status === 'APPROVED';
    },
    { timeout: REVIEW_MS, interval: 200, timeoutMsg: `the template never became APPROVED (last: ${status})` },
  );
  const approvalMs = Date.now() - submitted;

  at('a broadcast of it to every contact');
  await (await byTestId(browser, 'nav-broadcasts')).click();
  await (await byTestId(browser, 'new-broadcast')).click();
  await (await byTestId(browser, 'broadcast-wizard')).waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the broadcast wizard did not open' });
  await setField(browser, 'broadcast-name', `Pick-up ${name}`);
  const template = await byTestId(browser, 'broadcast-template');
  await browser.waitUntil(async () => (await browser.$(`[data-testid="broadcast-template"] option[value="${name}:en"]`)).isExisting(), {
    timeout: UI_MS,
    timeoutMsg: 'the approved template is not offered to broadcasts',
  });
  await template.selectByAttribute('value', `${name}:en`);
  await (await byTestId(browser, 'audience-contacts')).click();
  await (await byTestId(browser, 'audience-filter')).selectByAttribute('value', 'all');
  await (await byTestId(browser, 'param-0')).selectByAttribute('value', 'name');
  await (await byTestId(browser, 'broadcast-check')).click();
  const recipients = await byTestId(browser, 'check-recipients');
  await recipients.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the audience check did not show' });
  const count = Number(/\d+/.exec(await textOf(recipients))?.[0] ?? 0);
  assert.ok(count >= 3, `the audience check counts ${count} recipients`);
  const started = Date.now();
  await (await byTestId(browser, 'broadcast-send')).click();

  at('the broadcast running through to its report');
  const detail = await byTestId(browser, 'broadcast-detail');
  await detail.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the broadcast is not shown after Send' });
  let state = '';
  await browser
    .waitUntil(
      async () => {
        state = (await (await browser.$('[data-testid="broadcast-detail"] [data-testid="broadcast-state"]')).getAttribute('class')) ?? '';
        return /\bcompleted\b/.test(state);
      },
      { timeout: BROADCAST_MS, interval: 300 },
    )
    .catch(() => {
      throw new Error(`the broadcast did not complete (state: ${state})`);
    });
  const broadcastMs = Date.now() - started;
  at('the statuses after the last send reaching the report');
  // The sandbox's customers receive it a moment later: the finished broadcast's funnel still moves.
  let funnel = '';
  await browser
    .waitUntil(
      async () => {
        funnel = (await textOf(await byTestId(browser, 'broadcast-funnel'))).replace(/\s+/g, ' ').trim();
        return Number(words.delivered.exec(funnel)?.[1] ?? 0) >= count;
      },
      { timeout: UI_MS, interval: 200 },
    )
    .catch(() => {
      throw new Error(`the report does not show every recipient delivered (funnel: ${funnel})`);
    });
  await browser.saveScreenshot(join(outDir, 'broadcast-report.png'));
  await (await byTestId(browser, 'nav-chats')).click();
  log(`templates: ${name} approved ${approvalMs} ms after Submit; a broadcast to ${count} recipients completed in ${broadcastMs} ms (funnel: ${funnel})`);
  return { approvalMs, recipients: count, broadcastMs };
}
