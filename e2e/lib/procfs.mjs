// Process facts from /proc (Linux only): descendants of a process, and their memory.
import { readFileSync, readdirSync, realpathSync, readlinkSync } from 'node:fs';

/** Every live process as { pid, ppid, comm }. */
export function processes() {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // comm is in parentheses and may itself hold spaces or parentheses: split after the last ')'.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(fields[1]), comm });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** The pids below `root` (children, grandchildren, ...), not `root` itself. */
export function descendants(root, all = processes()) {
  const children = new Map();
  for (const p of all) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid).push(p);
  }
  const found = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** The resolved executable of a process, or null when it is gone or not ours to read. */
export function exeOf(pid) {
  try {
    return readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '');
  } catch {
    return null;
  }
}

/**
 * The process running `binary` among the descendants of `root` (e.g. tauri-driver, which
 * starts WebKitWebDriver, which starts the app). Null when there is none.
 */
export function findAppProcess(root, binary) {
  const want = realpathSync(binary);
  return descendants(root).find((p) => exeOf(p.pid) === want) ?? null;
}

function kib(text, field) {
  const m = text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return m ? Number(m[1]) : null;
}

/** { pid, comm, rssKiB, pssKiB } for a process (null fields when unreadable). */
export function memoryOf(proc) {
  let rssKiB = null;
  let pssKiB = null;
  try {
    rssKiB = kib(readFileSync(`/proc/${proc.pid}/status`, 'utf8'), 'VmRSS');
  } catch {
    // gone
  }
  try {
    pssKiB = kib(readFileSync(`/proc/${proc.pid}/smaps_rollup`, 'utf8'), 'Pss');
  } catch {
    // gone, or an older kernel
  }
  return { pid: proc.pid, comm: proc.comm, rssKiB, pssKiB };
}

/** Memory of the app process and all its descendants (WebKit's web, network and GPU processes). */
export function appMemory(app) {
  const rows = [app, ...descendants(app.pid)].map(memoryOf);
  const sum = (key) => rows.reduce((acc, r) => acc + (r[key] ?? 0), 0);
  return { rows, rssKiB: sum('rssKiB'), pssKiB: sum('pssKiB') };
}

export const mib = (kibValue) => (kibValue / 1024).toFixed(1);
