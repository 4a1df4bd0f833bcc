/**
 * Loaded first by the unit suite (.mocharc.json): Pulumi's home becomes a temporary folder for this
 * process and the providers it starts, so that the create receipts their creates file never land
 * in, or are read from, the developer's own ~/.pulumi (where a stale one would add a GetSpace to a
 * journal a test asserts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const home = fs.mkdtempSync(path.join(os.tmpdir(), "meet-pulumi-home-"));
process.env.PULUMI_HOME = home;
process.once("exit", () => fs.rmSync(home, { recursive: true, force: true }));
