/**
 * CPU time from Linux's /proc/<pid>/stat, which counts it in ticks of 10 ms (USER_HZ = 100): one
 * run's figure is coarse, the mean of many is the useful one.
 */
import * as fs from "node:fs";

/**
 * CPU time (user + system, ms) of process `pid`: its own, or that of its children it has reaped.
 * Undefined where /proc cannot be read (not Linux).
 */
export function procCpuMs(pid: number | "self", whose: "own" | "children"): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // After the command name (in parentheses, and it may hold spaces): state is field 0, utime and
  // stime 11 and 12, cutime and cstime 13 and 14.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const [user, system] = whose === "own" ? [fields[11], fields[12]] : [fields[13], fields[14]];
  return (Number(user) + Number(system)) * 10;
}
