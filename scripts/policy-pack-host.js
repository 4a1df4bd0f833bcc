#!/usr/bin/env node
/**
 * The Pulumi CLI (>= 3.260) starts a Node.js policy pack (`--policy-pack DIR` with a
 * PulumiPolicy.yaml saying `runtime: nodejs`) through the Node.js language host's RunPlugin call;
 * the older `pulumi-analyzer-policy` shim is no longer consulted. Where the CLI is built from
 * source, that language host cannot be built, so `npm run pulumi:install` installs this file
 * beside the CLI as `pulumi-language-nodejs`. It answers only what running a policy pack needs
 * (Handshake, GetPluginInfo, RunPlugin of kind "analyzer", Cancel): it runs
 * `@pulumi/pulumi/cmd/run-policy-pack` from the pack's own node_modules, as the real host does,
 * and streams the pack's output back. Everything else is UNIMPLEMENTED with an explanation.
 *
 * It lives beside the CLI, outside any node_modules, and must answer before it knows which pack
 * it will run, so it cannot load gRPC or protobuf libraries: it speaks gRPC over Node's own
 * HTTP/2 server and encodes the handful of protobuf fields involved by hand.
 */

const http2 = require("node:http2");
const { spawn } = require("node:child_process");

const SERVICE = "/pulumirpc.LanguageRuntime/";
const GRPC_OK = 0;
const GRPC_INVALID_ARGUMENT = 3;
const GRPC_UNIMPLEMENTED = 12;
const WIRE_VARINT = 0;
const WIRE_BYTES = 2;

// ---- protobuf: just enough to read RunPluginRequest and write RunPluginResponse ----

function readVarint(buf, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, pos];
    shift += 7;
  }
}

/** Decodes one message into field number -> values (strings/bytes as Buffers, varints as numbers). */
function decodeFields(buf) {
  const fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    let key;
    [key, pos] = readVarint(buf, pos);
    const field = Math.floor(key / 8);
    let value;
    switch (key & 7) {
      case WIRE_VARINT:
        [value, pos] = readVarint(buf, pos);
        break;
      case WIRE_BYTES: {
        let length;
        [length, pos] = readVarint(buf, pos);
        value = buf.subarray(pos, pos + length);
        pos += length;
        break;
      }
      case 1:
        pos += 8;
        continue;
      case 5:
        pos += 4;
        continue;
      default:
        throw new Error(`unsupported protobuf wire type ${key & 7}`);
    }
    if (!fields.has(field)) fields.set(field, []);
    fields.get(field).push(value);
  }
  return fields;
}

function varint(value) {
  const bytes = [];
  while (value >= 0x80) {
    bytes.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  bytes.push(value);
  return Buffer.from(bytes);
}

function bytesField(field, data) {
  return Buffer.concat([varint(field * 8 + WIRE_BYTES), varint(data.length), data]);
}

function varintField(field, value) {
  return Buffer.concat([varint(field * 8 + WIRE_VARINT), varint(value)]);
}

const text = (fields, n) => (fields.get(n)?.[0] ?? Buffer.alloc(0)).toString("utf8");
const texts = (fields, n) => (fields.get(n) ?? []).map((b) => b.toString("utf8"));

/** pulumirpc.RunPluginRequest: pwd=1, args=3, env=4, info=5 (ProgramInfo: program_directory=2), kind=6. */
function parseRunPluginRequest(buf) {
  const fields = decodeFields(buf);
  const info = decodeFields(fields.get(5)?.[0] ?? Buffer.alloc(0));
  return {
    pwd: text(fields, 1),
    args: texts(fields, 3),
    env: texts(fields, 4),
    kind: text(fields, 6),
    programDirectory: text(info, 2),
  };
}

// ---- gRPC framing over HTTP/2 ----

function frame(message) {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

function fail(stream, code, message) {
  stream.respond(
    {
      ":status": 200,
      "content-type": "application/grpc",
      "grpc-status": String(code),
      "grpc-message": encodeURIComponent(message),
    },
    { endStream: true },
  );
}

/** Answers with the messages `write` sends, then status OK. */
function respond(stream, run) {
  stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
  stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": String(GRPC_OK) }));
  run((message) => {
    if (!stream.destroyed) stream.write(frame(message));
  });
}

function readRequest(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("error", reject);
    stream.on("end", () => {
      const body = Buffer.concat(chunks);
      resolve(body.length >= 5 ? body.subarray(5, 5 + body.readUInt32BE(1)) : Buffer.alloc(0));
    });
  });
}

// ---- the one real operation: run a policy pack ----

/** The pack's entry file (its package.json `main`) when it is JavaScript, else undefined. */
function javaScriptEntry(packDir) {
  try {
    const main = require.resolve(packDir);
    return /\.c?js$/.test(main) ? main : undefined;
  } catch {
    return undefined;
  }
}

function runPolicyPack(stream, request) {
  if (request.kind !== "analyzer") {
    fail(
      stream,
      GRPC_UNIMPLEMENTED,
      `this pulumi-language-nodejs only runs policy packs (it was installed by pulumi-google-meet's ` +
        `pulumi:install); it cannot run a ${request.kind || "Node.js"} plugin`,
    );
    return;
  }
  const packDir = request.programDirectory;
  if (!packDir) {
    fail(stream, GRPC_INVALID_ARGUMENT, "RunPlugin: the request names no policy pack directory");
    return;
  }
  respond(stream, (send) => {
    let runPolicyPack;
    try {
      runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    } catch {
      // The engine recognises this sentence and tells the user to install the pack's dependencies.
      send(bytesField(2, Buffer.from("Cannot find module '@pulumi/pulumi/cmd/run-policy-pack'\n")));
      send(varintField(3, 1));
      stream.end();
      return;
    }
    // Pulumi's own host always starts packs through run-policy-pack, which loads TypeScript's
    // compiler first (about 1.5 s of every preview). A pack whose entry is JavaScript needs none of
    // that: it is started directly. Otherwise, as the real host: the engine's arguments, then the
    // pack directory last. Either way in the pack's directory.
    const entry = javaScriptEntry(packDir);
    const args = entry ? [entry, ...request.args] : [runPolicyPack, ...request.args, packDir];
    const child = spawn(process.execPath, args, {
      cwd: packDir,
      env: Object.fromEntries(request.env.map((entry) => entry.split(/=(.*)/s, 2))),
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk) => send(bytesField(1, chunk)));
    child.stderr.on("data", (chunk) => send(bytesField(2, chunk)));
    child.on("error", (err) => send(bytesField(2, Buffer.from(`${err.message}\n`))));
    child.on("close", (code) => {
      send(varintField(3, code ?? 1));
      stream.end();
    });
    // The engine closes the call to stop the pack.
    stream.on("close", () => child.exitCode === null && child.kill());
  });
}

const server = http2.createServer();
server.on("stream", async (stream, headers) => {
  const method = String(headers[":path"] ?? "").replace(SERVICE, "");
  try {
    const body = await readRequest(stream);
    switch (method) {
      case "Handshake": // LanguageHandshakeResponse {}
      case "GetPluginInfo": // PluginInfo { version: "" }: no version to compare
      case "Cancel":
        respond(stream, (send) => {
          send(Buffer.alloc(0));
          stream.end();
        });
        break;
      case "RunPlugin":
        runPolicyPack(stream, parseRunPluginRequest(body));
        break;
      default:
        fail(
          stream,
          GRPC_UNIMPLEMENTED,
          `${method}: this pulumi-language-nodejs only runs policy packs; run Node.js programs with pulumi-meet-local`,
        );
    }
  } catch (err) {
    if (!stream.headersSent) fail(stream, GRPC_INVALID_ARGUMENT, String(err?.message ?? err));
  }
});
server.listen(0, "127.0.0.1", () => {
  // The engine reads the port from the first line.
  process.stdout.write(`${server.address().port}\n`);
});
