/** bench/procStat.ts: CPU time read from /proc agrees with Node's own count. */
import * as assert from "node:assert/strict";
import { procCpuMs } from "../../bench/procStat";

describe("bench: CPU time from /proc", () => {
  it("a process's own CPU time follows process.cpuUsage() within a few 10 ms ticks", () => {
    const before = { proc: procCpuMs(process.pid, "own"), node: process.cpuUsage() };
    const until = process.cpuUsage().user + 300_000;
    while (process.cpuUsage().user < until) {
      // burn 300 ms of CPU
    }
    const spent = procCpuMs(process.pid, "own")! - before.proc!;
    const { user, system } = process.cpuUsage(before.node);
    assert.ok(
      Math.abs(spent - (user + system) / 1000) <= 40,
      `/proc: ${spent} ms, Node: ${(user + system) / 1000} ms`,
    );
    assert.equal(procCpuMs("self", "own") !== undefined, true);
  });

  it("reaped children's CPU time is a whole number of ms; a process that does not exist reads as undefined", () => {
    const children = procCpuMs("self", "children");
    assert.ok(Number.isInteger(children) && children! >= 0, String(children));
    assert.equal(procCpuMs(2 ** 22 + 1, "own"), undefined);
  });
});
