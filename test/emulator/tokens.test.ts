import * as assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TokenFile } from "../../emulator";
import { useEmulator } from "../support/emulator";
import { as, grpcClient, rejection, rest } from "../support/meetClients";

const S = "https://www.googleapis.com/auth/meetings.space.";
const tokens: TokenFile = {
  tokens: {
    "tok-alice": { user: "alice@example.com", scopes: [`${S}created`] },
    "tok-alice-ro": { user: "alice@example.com", scopes: [`${S}readonly`] },
    "tok-bob-settings": { user: "bob@example.com", scopes: [`${S}settings`] },
  },
  users: {
    "bob@example.com": {
      unavailableFeatures: ["recording", "transcription", "smartNotes", "attendanceReport"],
    },
  },
};
const dir = mkdtempSync(join(tmpdir(), "meet-tokens-"));
const tokenFile = join(dir, "tokens.json");
writeFileSync(tokenFile, JSON.stringify(tokens));

describe("emulator token file: identities and scopes", () => {
  const emu = useEmulator({ tokenFile });
  let client: any;
  before(() => {
    client = grpcClient(emu.grpcAddress);
  });
  after(async () => client.close());

  it("maps opaque tokens to users", async () => {
    const [space] = await client.createSpace({ space: {} }, as("tok-alice"));
    const [stored] = await emu.admin.spaces();
    assert.equal(stored.owner, "alice@example.com");
    assert.equal(stored.name, space.name);
  });

  it("answers UNAUTHENTICATED (401) for unknown tokens", async () => {
    const err = await rejection(client.createSpace({ space: {} }, as("alice@example.com")));
    assert.equal(err.code, 16);
    const res = await rest(emu.httpUrl, "POST", "/v2beta/spaces", { token: "nope", body: {} });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.status, "UNAUTHENTICATED");
    const journal = await emu.admin.requests();
    assert.deepEqual(
      journal.map((e) => e.code),
      ["UNAUTHENTICATED", "UNAUTHENTICATED"],
    );
    assert.deepEqual(await emu.admin.spaces(), []);
  });

  it("answers PERMISSION_DENIED naming the scope a method needs", async () => {
    const [space] = await client.createSpace({ space: {} }, as("tok-alice"));
    const [read] = await client.getSpace({ name: space.name }, as("tok-alice-ro"));
    assert.equal(read.config.accessType, "TRUSTED");
    await client.listMembers({ parent: space.name }, as("tok-alice-ro"));
    const err = await rejection(
      client.updateSpace({ space: { name: space.name, config: { accessType: "OPEN" } } }, as("tok-alice-ro")),
    );
    assert.equal(err.code, 7);
    assert.match(err.details, /meetings\.space\.created/);
    assert.match(err.details, /meetings\.space\.settings/);
    const create = await rejection(client.createSpace({ space: {} }, as("tok-bob-settings")));
    assert.equal(create.code, 7);
    assert.match(
      create.details,
      /CreateSpace needs one of https:\/\/www\.googleapis\.com\/auth\/meetings\.space\.created/,
    );
    const [after] = await client.getSpace({ name: space.name }, as("tok-alice"));
    assert.equal(after.config.accessType, "TRUSTED");
  });

  it("applies the token file's plan features, and they survive reset", async () => {
    await emu.admin.setUser("bob@example.com", { unavailableFeatures: [] });
    await emu.admin.reset();
    const res = await rest(emu.httpUrl, "POST", "/v2beta/spaces", {
      body: { config: { artifactConfig: { transcriptionConfig: { autoTranscriptionGeneration: "ON" } } } },
    });
    assert.equal(res.status, 200, "the default user has every feature");
    // bob holds only the settings scope, so check his plan through UpdateSpace on his own space.
    emu.emulator.store.createSpace("bob@example.com", {});
    const [bobs] = (await emu.admin.spaces()).filter((s) => s.owner === "bob@example.com");
    const err = await rejection(
      client.updateSpace(
        {
          space: {
            name: bobs.name,
            config: { artifactConfig: { smartNotesConfig: { autoSmartNotesGeneration: "ON" } } },
          },
        },
        as("tok-bob-settings"),
      ),
    );
    assert.equal(err.code, 7);
    assert.equal(err.reason, "FEATURE_UNAVAILABLE_TO_USER");
  });
});
