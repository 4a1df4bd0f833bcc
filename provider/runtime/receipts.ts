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
 * Writes the receipt so that it survives a SIGKILL (and a power cut) right after this returns.
 * Throws when it cannot: the caller decides what that means for the room.
 */
export function writeReceipt(receipt: Receipt): string {
  const file = receiptPath(receipt.urn);
  if (!file) throw new Error(`not a resource URN: ${JSON.stringify(receipt.urn)}`);
  const folder = path.dirname(file);
  fs.mkdirSync(folder, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, "w", 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(receipt, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  const dir = fs.openSync(folder, "r");
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
  return file;
}

/** The receipt kept for this resource, if any (an unreadable file counts as none). */
export function findReceipt(urn: string): Receipt | undefined {
  const file = receiptPath(urn);
  if (!file) return undefined;
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
 * costs a GetSpace at the next create of the same URN.
 */
export function settleReceipt(urn: string | undefined, space: string): void {
  if (!urn) return;
  const found = findReceipt(urn);
  if (!found || found.space !== space) return;
  try {
    fs.rmSync(receiptPath(urn)!, { force: true });
  } catch {
    // Left for the next operation.
  }
}

/** Drops the receipt of a room that no longer exists. */
export function dropReceipt(urn: string): void {
  const file = receiptPath(urn);
  if (file) fs.rmSync(file, { force: true });
}
