// Process bookkeeping for the start script's test, read from Linux's /proc.
import { readdirSync, readFileSync } from 'node:fs';

interface ProcessInfo {
  pid: number;
  parent: number;
  command: string;
}

function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name sits in parentheses and may hold spaces; the parent pid follows the state.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      found.push({ pid: Number(entry), parent, command });
    } catch {
      // The process ended while the table was read.
    }
  }
  return found;
}

/** Every process descended from `ancestor`, with its command line. */
export function descendants(ancestor: number): ProcessInfo[] {
  const table = processes();
  const result: ProcessInfo[] = [];
  const queue = [ancestor];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of table.filter((candidate) => candidate.parent === pid)) {
      result.push(child);
      queue.push(child.pid);
    }
  }
  return result;
}

/** Whether a process with this pid still exists (and is not a zombie awaiting its parent). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
