// Starts and stops tauri-driver (which itself starts WebKitWebDriver on port + 1).
import { spawn } from 'node:child_process';
import { accessSync, constants, createWriteStream, existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Resolves with `promise`'s value, or with `fallback` after `ms`; the timer is cleared either
 * way, so it never keeps the process alive.
 */
export function bounded(promise, ms, fallback = null) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The tauri-driver to run: $TAURI_DRIVER, else the one on PATH, else ~/.cargo/bin's. */
export function locateTauriDriver() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), join(homedir(), '.cargo', 'bin')];
  for (const dir of dirs) {
    const candidate = join(dir, 'tauri-driver');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(
    'tauri-driver not found (PATH, ~/.cargo/bin): install it with `cargo install tauri-driver --locked --version ^2`, ' +
      'or run scripts/e2e, which does',
  );
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts tauri-driver on 127.0.0.1:port with the given native driver, writing its output (and
 * so the native driver's and the app's stderr) to logPath. Resolves once the port answers.
 */
export async function startTauriDriver({ port, nativeDriver, logPath, timeoutMs = 15_000 }) {
  const binary = locateTauriDriver();
  if (!existsSync(nativeDriver)) {
    throw new Error(
      `native WebDriver ${nativeDriver} not found: install Debian's webkit2gtk-driver package`,
    );
  }
  for (const p of [port, port + 1]) {
    if (await portOpen(p)) {
      throw new Error(
        `port ${p} on 127.0.0.1 is already taken (a tauri-driver or WebKitWebDriver left running?); ` +
          'stop it, or choose other ports with E2E_DRIVER_PORT',
      );
    }
  }

  const log = createWriteStream(logPath);
  const child = spawn(
    binary,
    ['--port', String(port), '--native-port', String(port + 1), '--native-driver', nativeDriver],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk) => {
    log.write(chunk);
    output = (output + chunk.toString()).slice(-64 * 1024);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let exitInfo = null;
  exited.then((info) => {
    exitInfo = info;
  });
  await new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });

  const driver = {
    pid: child.pid,
    port,
    logPath,
    /** The last `chars` characters tauri-driver, WebKitWebDriver and the app wrote. */
    outputTail: (chars = 4000) => output.slice(-chars),
    /** SIGTERM (tauri-driver then kills WebKitWebDriver), SIGKILL after graceMs. */
    async stop(graceMs = 5000) {
      if (exitInfo === null) {
        child.kill('SIGTERM');
        const stopped = await bounded(exited, graceMs);
        if (stopped === null) {
          child.kill('SIGKILL');
          await bounded(exited, graceMs);
        }
      }
      await new Promise((resolve) => log.end(resolve));
    },
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitInfo !== null) {
      await driver.stop();
      throw new Error(
        `tauri-driver exited at start (${JSON.stringify(exitInfo)}):\n${driver.outputTail()}`,
      );
    }
    if ((await portOpen(port)) && (await portOpen(port + 1))) return driver;
    if (Date.now() > deadline) {
      await driver.stop();
      throw new Error(
        `tauri-driver did not listen on 127.0.0.1:${port} and WebKitWebDriver on ${port + 1} ` +
          `within ${timeoutMs} ms:\n${driver.outputTail()}`,
      );
    }
    await sleep(100);
  }
}
