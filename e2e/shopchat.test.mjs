// The real-window end-to-end test of the Shopchat desktop app, in the sandbox.
//
// tauri-driver (port 4444) starts WebKitWebDriver (port 4445), which launches the release app with
// WebKit automation on; WebdriverIO drives its window through the data-testid selectors of
// docs/ui-contract.md. Run it through scripts/e2e, which builds the app and provides a display
// (Xvfb), a D-Bus session, a fresh data dir and the environment below.
//
//   SHOPCHAT_APP            the app binary (required)
//   SHOPCHAT_APP_ARGS       JSON array of arguments for it (default [])
//   SHOPCHAT_E2E_START_URL  open this URL first (only for the harness dry run against MiniBrowser)
//   SHOPCHAT_E2E_BROWSER_NAME  the browserName capability (default: none; wry reports "wry")
//   E2E_DRIVER_PORT         tauri-driver's port (default 4444; WebKitWebDriver gets the next one)
//   WEBKIT_WEBDRIVER        the native driver (default /usr/bin/WebKitWebDriver)
//   TAURI_DRIVER            tauri-driver (default: PATH, then ~/.cargo/bin)
//   E2E_OUT_DIR             screenshots, logs and metrics (default <repo>/target/e2e)
import assert from 'node:assert/strict';
import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

import { chatStep } from './lib/chat-step.mjs';
import { documentsStep } from './lib/documents-step.mjs';
import { linksStep } from './lib/links-step.mjs';
import { contactsStep } from './lib/contacts-step.mjs';
import { smallWindowStep } from './lib/small-window-step.mjs';
import { workspaceStep } from './lib/workspace-step.mjs';
import { templatesStep } from './lib/templates-step.mjs';
import { chooseCustomer } from './lib/sandbox.mjs';
import { goLive } from './lib/wizard-step.mjs';
import { CHOICE, LANG, words } from './lib/lang.mjs';
import { appMemory, findAppProcess, mib } from './lib/procfs.mjs';
import { bounded, startTauriDriver } from './lib/tauri-driver.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = process.env.E2E_OUT_DIR ?? join(repoRoot, 'target', 'e2e');
const driverPort = Number(process.env.E2E_DRIVER_PORT ?? 4444);
const nativeDriver = process.env.WEBKIT_WEBDRIVER ?? '/usr/bin/WebKitWebDriver';

// A simulated customer of the sandbox (see the README: Ana, Ben, Chloé, Uma).
const CUSTOMER = '15550100002';

// Every wait is bounded; these are the bounds.
const STARTUP_MS = 60_000; // app launch until the chat list shows (a cold WebKit start under Xvfb)
const UI_MS = 10_000; // an element that should already be there
const INBOUND_MS = 15_000; // a simulated customer's message through the signed-webhook path
const READ_MS = 15_000; // a reply going queued → sent → delivered → read
const IDLE_MS = 3_000; // settle before measuring memory

const log = (...parts) => console.log('[e2e]', ...parts);

/** The app binary from SHOPCHAT_APP, checked, or a clear error. */
function appBinary() {
  const app = process.env.SHOPCHAT_APP;
  if (!app) {
    throw new Error(
      'SHOPCHAT_APP is not set: it must name the built app binary ' +
        '(scripts/e2e builds target/release/shopchat-desktop and sets it)',
    );
  }
  if (!isAbsolute(app)) throw new Error(`SHOPCHAT_APP must be an absolute path, got ${app}`);
  try {
    accessSync(app, constants.X_OK);
  } catch {
    throw new Error(`SHOPCHAT_APP=${app} does not exist or is not executable: build the app first (scripts/e2e does)`);
  }
  return app;
}

function appArgs() {
  const raw = process.env.SHOPCHAT_APP_ARGS;
  if (!raw) return [];
  const args = JSON.parse(raw);
  assert.ok(Array.isArray(args) && args.every((a) => typeof a === 'string'), 'SHOPCHAT_APP_ARGS must be a JSON array of strings');
  return args;
}

/**
 * An element's text content. Not WebDriver's "element text": WebKitWebDriver returns "" for an
 * element styled `overflow: hidden; text-overflow: ellipsis` (a chat preview), whatever it shows.
 */
const textOf = async (element) => String(await element.getProperty('textContent'));

/** A waitUntil condition that counts an error (say, a stale element mid-render) as "not yet". */
const quietly = (condition) => async () => {
  try {
    return await condition();
  } catch {
    return false;
  }
};

/**
 * True when the element is in the page and rendered (laid out, not hidden), even while empty:
 * a fresh sandbox has no chats yet, and WebDriver's "displayed" calls an element of zero height
 * hidden.
 */
function isRendered(browser, selector) {
  return browser.execute((sel) => {
    const el = document.querySelector(sel);
    if (!el || el.getClientRects().length === 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && el.getBoundingClientRect().width > 0;
  }, selector);
}

/** The text of every message bubble of a direction in the open conversation, with its status. */
function bubbles(browser, direction) {
  return browser.execute((dir) => {
    const sel = `[data-testid="conversation"] [data-testid="message"][data-direction="${dir}"]`;
    return Array.from(document.querySelectorAll(sel), (b) => ({
      text: b.querySelector('[data-testid="message-text"]')?.textContent ?? '',
      status: b.getAttribute('data-status'),
    }));
  }, direction);
}

/** The displayed bubble of a direction (and status, if given) whose text contains `text`, or null. */
async function findBubble(browser, { direction, status, text }) {
  const statusSel = status ? `[data-status="${status}"]` : '';
  const candidates = await browser.$$(
    `[data-testid="conversation"] [data-testid="message"][data-direction="${direction}"]${statusSel}`,
  );
  for (const bubble of candidates) {
    const body = await bubble.$('[data-testid="message-text"]');
    if ((await body.isExisting()) && (await textOf(body)).includes(text) && (await bubble.isDisplayed())) {
      return bubble;
    }
  }
  return null;
}

test('Shopchat window: a simulated customer writes, the shop answers, the answer is read', { timeout: 300_000 }, async () => {
  const app = appBinary();
  mkdirSync(outDir, { recursive: true });
  const runId = Math.random().toString(36).slice(2, 8);
  const inboundText = `e2e-${runId} Do you still have blue mugs?`;
  const replyText = `e2e-${runId} Yes, 12 left!`;
  const metrics = { app, runId };

  const driver = await startTauriDriver({
    port: driverPort,
    nativeDriver,
    logPath: join(outDir, 'tauri-driver.log'),
  });
  log(`tauri-driver pid ${driver.pid} on 127.0.0.1:${driverPort}, native driver ${nativeDriver}`);

  let browser = null;
  let step = 'starting the session';
  try {
    const capabilities = {
      'tauri:options': { application: app, args: appArgs() },
      // WebKitWebDriver speaks classic WebDriver: no BiDi upgrade.
      'wdio:enforceWebDriverClassic': true,
    };
    if (process.env.SHOPCHAT_E2E_BROWSER_NAME) capabilities.browserName = process.env.SHOPCHAT_E2E_BROWSER_NAME;

    const started = performance.now();
    browser = await remote({
      hostname: '127.0.0.1',
      port: driverPort,
      path: '/',
      logLevel: 'warn',
      capabilities,
      waitforTimeout: UI_MS,
      waitforInterval: 100,
      connectionRetryTimeout: STARTUP_MS,
      // A retried "new session" would launch a second app.
      connectionRetryCount: 0,
    });
    const sessionMs = performance.now() - started;
    if (process.env.SHOPCHAT_E2E_START_URL) await browser.url(process.env.SHOPCHAT_E2E_START_URL);

    step = 'waiting for the chat list';
    await browser.waitUntil(quietly(() => isRendered(browser, '[data-testid="chat-list"]')), {
      timeout: STARTUP_MS,
      interval: 50,
      timeoutMsg: `[data-testid="chat-list"] was not shown within ${STARTUP_MS} ms of the session start`,
    });
    const chatListMs = performance.now() - started;
    metrics.sessionMs = Math.round(sessionMs);
    metrics.chatListMs = Math.round(chatListMs);
    log(`startup: session open after ${Math.round(sessionMs)} ms, chat list shown ${Math.round(chatListMs)} ms after the session start`);

    step = 'checking the sandbox banner';
    const banner = await browser.$('[data-testid="sandbox-banner"]');
    await banner.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the sandbox banner is not shown (is the app in the sandbox?)' });
    log(`sandbox banner: "${(await textOf(banner)).trim()}"`);

    if (LANG !== 'en') {
      step = `choosing ${LANG} in the status bar, for the whole session`;
      await (await browser.$('[data-testid="language"]')).selectByAttribute('value', CHOICE);
      await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === LANG, {
        timeout: UI_MS,
        timeoutMsg: `the app did not switch to ${LANG}`,
      });
      log(`language: ${LANG}; the banner now reads "${(await textOf(banner)).trim()}"`);
    }

    step = `having simulated customer ${CUSTOMER} write`;
    await browser.$('[data-testid="sandbox-panel"]').waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the simulated customer panel is not shown' });
    await chooseCustomer(browser, CUSTOMER);
    const sandboxText = await browser.$('[data-testid="sandbox-text"]');
    await sandboxText.setValue(inboundText);
    await browser.$('[data-testid="sandbox-send"]').click();
    const saidAt = performance.now();

    step = `waiting for ${CUSTOMER}'s chat row to preview the message`;
    const rowSel = `[data-testid="chat-row"][data-wa-id="${CUSTOMER}"]`;
    await browser.waitUntil(
      quietly(async () => {
        const preview = await browser.$(`${rowSel} [data-testid="chat-preview"]`);
        return (await preview.isDisplayed()) && (await textOf(preview)).includes(inboundText);
      }),
      {
        timeout: INBOUND_MS,
        interval: 100,
        timeoutMsg: `no chat row for ${CUSTOMER} previewing "${inboundText}" within ${INBOUND_MS} ms`,
      },
    );
    metrics.inboundMs = Math.round(performance.now() - saidAt);
    log(`inbound: the row previews the customer's message ${metrics.inboundMs} ms after "send"`);

    step = `opening ${CUSTOMER}'s conversation`;
    await browser.$(rowSel).click();
    await browser.$(`[data-testid="conversation"][data-wa-id="${CUSTOMER}"]`).waitForDisplayed({
      timeout: UI_MS,
      timeoutMsg: `the conversation with ${CUSTOMER} did not open`,
    });
    await browser.waitUntil(quietly(async () => (await findBubble(browser, { direction: 'in', text: inboundText })) !== null), {
      timeout: UI_MS,
      interval: 100,
      timeoutMsg: `no inbound bubble with "${inboundText}" in the conversation`,
    });

    step = 'replying';
    const composer = await browser.$('[data-testid="composer-input"]');
    await composer.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'the composer is not shown' });
    await composer.click();
    await composer.setValue(replyText);
    await browser.keys('Enter');
    const sentAt = performance.now();

    step = 'waiting for the reply to be read';
    const seen = [];
    await browser.waitUntil(
      async () => {
        const mine = (await bubbles(browser, 'out')).find((b) => b.text.includes(replyText));
        const status = mine?.status ?? '(no bubble)';
        if (seen[seen.length - 1] !== status) {
          seen.push(status);
          log(`reply status: ${status} at ${Math.round(performance.now() - sentAt)} ms`);
        }
        return status === 'read';
      },
      {
        timeout: READ_MS,
        interval: 100,
        timeoutMsg: `the reply did not reach data-status="read" within ${READ_MS} ms (statuses seen: ${seen.join(' → ')})`,
      },
    );
    const readBubble = await findBubble(browser, { direction: 'out', status: 'read', text: replyText });
    assert.ok(readBubble, 'the read reply is not displayed as an outbound bubble');
    metrics.readMs = Math.round(performance.now() - sentAt);
    metrics.statuses = seen;

    step = 'reacting to the customer\'s message';
    {
      const theirs = await findBubble(browser, { direction: 'in', text: inboundText });
      await theirs.moveTo();
      const react = await theirs.parentElement().$('[data-testid="action-react"]');
      assert.ok(await react.isExisting(), 'no React button on the customer\'s message');
      // Shown on hover; if the driver's hover does not reach the page, a script click does.
      const shown = await react.waitForDisplayed({ timeout: 3_000 }).then(() => true, () => false);
      if (shown) await react.click();
      else await browser.execute((el) => el.click(), react);
      await browser.$(`[data-testid="reaction-picker"] button[aria-label="${words.reactWithThumbs}"]`).click();
      await browser.waitUntil(
        quietly(async () => {
          const badges = await browser.$$('[data-testid="reaction"][data-direction="out"]');
          for (const b of badges) if ((await textOf(b)).includes('👍')) return true;
          return false;
        }),
        { timeout: UI_MS, interval: 100, timeoutMsg: 'the shop\'s 👍 is not shown on the customer\'s message' },
      );
      log('reaction: 👍 shown on the customer\'s message');
    }

    step = 'saving the screenshot';
    const shot = join(outDir, 'shopchat.png');
    await browser.saveScreenshot(shot);
    log(`screenshot: ${shot}`);

    step = 'seeing the photo a customer sent';
    // The seeded customer Ana (15550100001) sent a photo: downloaded from the sandbox's Graph
    // API, kept by hash, served to the window by the shopchat-media scheme under the CSP.
    await browser.$('[data-testid="chat-row"][data-wa-id="15550100001"]').click();
    await browser.$('[data-testid="conversation"][data-wa-id="15550100001"]').waitForDisplayed({
      timeout: UI_MS,
      timeoutMsg: 'Ana\'s conversation did not open',
    });
    await browser.waitUntil(
      quietly(async () => {
        const img = await browser.$('[data-testid="media-image"] img');
        if (!(await img.isExisting())) return false;
        return browser.execute((el) => el.complete && el.naturalWidth > 0, img);
      }),
      { timeout: INBOUND_MS, interval: 100, timeoutMsg: 'Ana\'s photo is not shown as a loaded thumbnail' },
    );
    log('media: Ana\'s photo is shown, loaded through shopchat-media://');

    step = 'finding a message across chats';
    // The seeded customer Chloé (15550100003) asked about Saturday; the search box finds her
    // message from any chat and opens her conversation at it.
    const search = await browser.$('[data-testid="chat-search"]');
    await search.click();
    await search.setValue('saturd');
    const hit = await browser.$('[data-testid="message-hit"]');
    await hit.waitForDisplayed({ timeout: UI_MS, timeoutMsg: 'no message found for "saturd"' });
    const hitText = await textOf(hit);
    assert.ok(/saturday/i.test(hitText), `the hit does not show the message: ${hitText}`);
    const searchedAt = performance.now();
    await hit.click();
    await browser.$('[data-testid="conversation"][data-wa-id="15550100003"]').waitForDisplayed({
      timeout: UI_MS,
      timeoutMsg: 'the search hit did not open its conversation',
    });
    await browser.$('[data-found="true"]').waitForDisplayed({
      timeout: UI_MS,
      timeoutMsg: 'the found message is not marked in its conversation',
    });
    metrics.searchJumpMs = Math.round(performance.now() - searchedAt);
    log(`search: "saturd" found Chloé's message; opened at it in ${metrics.searchJumpMs} ms`);
    await search.click();
    await browser.keys('Escape');

    step = 'emoji, focus and reactions in the chat';
    metrics.chat = await chatStep(browser, { customer: CUSTOMER, outDir, at: (s) => (step = `chat: ${s}`), log });

    step = 'making, previewing, issuing and sending an invoice';
    metrics.documents = await documentsStep(browser, { customer: CUSTOMER, outDir, at: (s) => (step = `documents: ${s}`), log });

    step = 'linking a customer record from the chat';
    metrics.links = await linksStep(browser, { customer: CUSTOMER, outDir, at: (s) => (step = `links: ${s}`), log });

    step = 'labelling a chat, filtering by the label, using a quick reply';
    metrics.contacts = await contactsStep(browser, { customer: CUSTOMER, outDir, at: (s) => (step = `contacts: ${s}`) });

    step = 'a template made, approved and broadcast';
    metrics.templates = await templatesStep(browser, { outDir, at: (s) => (step = `templates: ${s}`), log });

    step = 'the statistics, and the app in Spanish';
    metrics.workspace = await workspaceStep(browser, { outDir, at: (s) => (step = `workspace: ${s}`), log });

    step = 'a 760×480 window';
    metrics.smallWindow = await smallWindowStep(browser, { outDir, at: (s) => (step = s), log });

    step = 'measuring idle memory';
    await sleep(IDLE_MS);
    const proc = findAppProcess(driver.pid, app);
    assert.ok(proc, `the app process (${app}) was not found below tauri-driver (pid ${driver.pid})`);
    const memory = appMemory(proc);
    for (const r of memory.rows) {
      log(`memory: pid ${r.pid} ${r.comm.padEnd(18)} RSS ${mib(r.rssKiB ?? 0).padStart(7)} MiB  PSS ${mib(r.pssKiB ?? 0).padStart(7)} MiB`);
    }
    log(`memory: idle total after ${IDLE_MS / 1000} s: RSS ${mib(memory.rssKiB)} MiB, PSS ${mib(memory.pssKiB)} MiB (app + ${memory.rows.length - 1} WebKit processes)`);
    metrics.memory = memory;

    const size = statSync(app).size;
    metrics.binaryBytes = size;
    log(`binary: ${app} is ${(size / 1024 / 1024).toFixed(1)} MiB`);

    step = 'going live through the settings wizard';
    // The rehearsal (SHOPCHAT_FAKE_META=1, set by scripts/e2e): Meta is the sandbox's fake Graph
    // API on loopback, ngrok an in-process tunnel; the keystore is the session's gnome-keyring.
    metrics.wizardMs = await goLive(browser, (s) => (step = s));
    log(`wizard: live through the rehearsal in ${metrics.wizardMs} ms`);

    writeFileSync(join(outDir, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  } catch (error) {
    log(`FAILED while ${step}: ${error.message}`);
    if (browser) {
      try {
        const failure = join(outDir, 'failure.png');
        await browser.saveScreenshot(failure);
        log(`failure screenshot: ${failure}`);
      } catch (e) {
        log(`(no failure screenshot: ${e.message})`);
      }
      try {
        const source = await browser.getPageSource();
        log(`page source (last 4000 of ${source.length} chars):\n${source.slice(-4000)}`);
      } catch (e) {
        log(`(no page source: ${e.message})`);
      }
    }
    log(`tauri-driver / WebKitWebDriver / app output (tail; all in ${driver.logPath}):\n${driver.outputTail()}`);
    error.message = `while ${step}: ${error.message}`;
    throw error;
  } finally {
    if (browser) {
      // Closing the session closes the app; bounded, since a wedged app must not hang the run.
      await bounded(browser.deleteSession().catch(() => {}), 10_000);
    }
    await driver.stop();
  }
});
