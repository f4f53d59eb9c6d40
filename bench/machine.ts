import { readFileSync } from 'node:fs';
import os from 'node:os';

export type Machine = { cpu: string; cores: number; memoryGiB: number; os: string; node: string };

/** The machine a benchmark ran on: CPU model (from /proc/cpuinfo where there is one), cores, memory, Node. */
export function describeMachine(): Machine {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (model?.[1] !== undefined) cpu = model[1].trim();
  } catch {
    // not Linux: os.cpus() said it
  }
  return {
    cpu,
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}
