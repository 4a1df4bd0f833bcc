/**
 * Create receipts on disk (what they are and why: core/receipts). One small JSON file per room
 * created and not yet known to be recorded, under Pulumi's home on this machine:
 *
 *   $PULUMI_HOME/googlemeet/receipts/<project>/<stack>/<hash of the URN>.json   (PULUMI_HOME: ~/.pulumi)
 *
 * Pulumi's home is where the CLI keeps its own per-user, per-stack files (workspaces, plugins), and
 * every process of a run sees the same one: the CLI passes its environment to the plugins. A file
 * is written before create returns, durably (temporary file, fsync, rename, fsync of the folder),
 * and removed by the first later operation that proves the engine recorded the room: a diff,
 * update, refresh or delete of the resource with that id.
 */
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { type Receipt, parseReceipt, receiptFileName, safeSegment, stackOfUrn } from "../core/receipts";

/** The folder of one stack's receipts; undefined for a key that is not a URN. */
export function receiptsFolder(urn: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const where = stackOfUrn(urn);
  if (!where) return undefined;
  const home = env.PULUMI_HOME || path.join(os.homedir(), ".pulumi");
  return path.join(home, "googlemeet", "receipts", safeSegment(where.project), safeSegment(where.stack));
}

function receiptPath(urn: string): string | undefined {
  const folder = receiptsFolder(urn);
  return folder && path.join(folder, receiptFileName(urn));
}

/**
 * Writes the receipt so that it survives a SIGKILL (and a power cut) once this resolves. Throws
 * when it cannot: the caller decides what that means for the room. Asynchronous: the two fsyncs
 * wait on the disk for milliseconds each (tens under load), and the provider host serves every
 * resource of the apply from one thread; a synchronous fsync stopped all of them meanwhile.
 */
export async function writeReceipt(receipt: Receipt): Promise<string> {
  const file = receiptPath(receipt.urn);
  if (!file) throw new Error(`not a resource URN: ${JSON.stringify(receipt.urn)}`);
  const folder = path.dirname(file);
  await fsp.mkdir(folder, { recursive: true });
  const temporary = `${file}.${process.pid}.${++writes}.tmp`;
  const handle = await fsp.open(temporary, "w", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(receipt, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rename(temporary, file);
  const dir = await fsp.open(folder, "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
  return file;
}

/** Receipts this process began writing: each temporary file's name is its own, even for one URN. */
let writes = 0;

/** The receipt kept for this resource, if any (an unreadable file counts as none). */
export function findReceipt(urn: string): Receipt | undefined {
  const file = receiptPath(urn);
  // Usually there is none: asking first spares the error object a failed read builds (a tenth of
  // a millisecond on every refresh, diff and create of a room).
  if (!file || !fs.existsSync(file)) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  return parseReceipt(text);
}

/**
 * The engine has recorded this resource as `space`: its receipt has done its job. A receipt for a
 * different room (a replacement still unrecorded) stays. Never throws: a receipt left behind only
 * costs a GetSpace at the next create of the same URN. The removal is asynchronous, as
 * writeReceipt is: a synchronous unlink on a busy disk stopped every resource the host served.
 */
export async function settleReceipt(urn: string | undefined, space: string): Promise<void> {
  if (!urn) return;
  // Looked up at once: with no receipt (the usual case, a refresh of a recorded room) that is one
  // stat, cheaper than a trip through the thread pool.
  const found = findReceipt(urn);
  if (!found || found.space !== space) return;
  try {
    await fsp.rm(receiptPath(urn)!, { force: true });
  } catch {
    // Left for the next operation.
  }
}

/** Drops the receipt of a room that no longer exists. */
export function dropReceipt(urn: string): void {
  const file = receiptPath(urn);
  if (file) fs.rmSync(file, { force: true });
}
