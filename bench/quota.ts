/**
 * Quota: the provider's pacing measured on the emulator's clock, with the emulator's quota on and
 * time-scaled, and a mixed fleet (rooms and separate MeetSpaceMembers) that must see no refusal.
 * The quota figures are the provider's own (meet/methods.ts), not copies.
 */
import { CONFIG_KEYS } from "../provider/config/connection";
import { MEET_QUOTAS } from "../provider/meet/methods";
import type { Engine } from "./engine";
import { pacedRate } from "./formulas";
import type { Options } from "./options";
import { type Report, fmt, progress } from "./report";
import { timedEmulator } from "./timedEmulator";

/** A quota minute lasts one second: Meet's creates per user per minute become as many per second. */
const TIME_SCALE = 60;

export async function quotaRows(o: Options, engine: Engine, report: Report): Promise<void> {
  const perWindow = MEET_QUOTAS.creates;
  const windowS = MEET_QUOTAS.windowMs / 1000 / TIME_SCALE;
  const paced = { [CONFIG_KEYS.quotaWindowSeconds]: windowS };

  {
    const e = await timedEmulator({ quota: { enabled: true, timeScale: TIME_SCALE } });
    try {
      const config = { "fleet:rooms": o.quotaRooms, "fleet:cohosts": 1, ...paced };
      const ran = await engine.run("fleet", "pacing", "up", config, e.env);
      const calls = e.since(0);
      const creates = calls.filter((x) => x.method === "CreateSpace" && x.code === "OK").map((x) => x.at);
      const refused = calls.filter((x) => x.code === "RESOURCE_EXHAUSTED").length;
      const span = (Math.max(...creates) - Math.min(...creates)) / 1000;
      const rate = pacedRate(creates, perWindow);
      progress(
        `pacing: ${creates.length} creates in ${fmt(span)} s on the emulator's clock (apply ${fmt(ran.seconds)} s), ${refused} refused`,
      );
      report.record({
        figure: `pacing: creates/s after the first window, on the emulator's clock (${o.quotaRooms} rooms)`,
        value: rate,
        unit: "rooms/s",
        baseline: perWindow / windowS,
        baselineLabel: `quota ceiling: ${perWindow} creates per ${windowS} s window (target >= 0.95)`,
        note: `${refused} calls refused for quota`,
      });
      report.raw.pacing = {
        rooms: o.quotaRooms,
        creates: creates.length,
        spanSeconds: span,
        applySeconds: ran.seconds,
        refused,
      };
    } finally {
      await e.emu.stop();
    }
  }
  {
    const e = await timedEmulator({ quota: { enabled: true, timeScale: TIME_SCALE } });
    try {
      const config = {
        "fleet:rooms": o.mixedRooms,
        "fleet:cohosts": 0,
        "fleet:separateMembers": 1,
        ...paced,
      };
      const ran = await engine.run("fleet", "mixed", "up", config, e.env);
      const calls = e.since(0);
      const refused = calls.filter((x) => x.code === "RESOURCE_EXHAUSTED");
      const byMethod: Record<string, number> = {};
      for (const x of refused) byMethod[x.method] = (byMethod[x.method] ?? 0) + 1;
      progress(
        `mixed fleet: ${calls.length} calls, ${refused.length} refused ${JSON.stringify(byMethod)}, apply ${fmt(ran.seconds)} s`,
      );
      report.record({
        figure: `mixed fleet under quota (${o.mixedRooms} rooms + ${o.mixedRooms} MeetSpaceMember): calls refused`,
        value: refused.length,
        unit: "calls",
        baseline: 0,
        baselineLabel: `target: 0 RESOURCE_EXHAUSTED of ${calls.length} calls`,
        note: Object.keys(byMethod).length ? `refused: ${JSON.stringify(byMethod)}` : undefined,
      });
      report.raw.mixed = {
        rooms: o.mixedRooms,
        calls: calls.length,
        refused: refused.length,
        refusedByMethod: byMethod,
        applySeconds: ran.seconds,
      };
    } finally {
      await e.emu.stop();
    }
  }
}
