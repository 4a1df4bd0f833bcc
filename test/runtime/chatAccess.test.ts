/**
 * ChatSpace's `accessSettings.accessPermissionSettings` (who may discover and join a SPACE) through
 * the runtime entry against the emulator: what the API saw comes from the request journal.
 *
 * Google (UpdateSpaceRequest.update_mask, space.proto of the clients that have the field):
 * "`access_settings.access_permission_settings`: Updates the access permission settings of who can
 * discover and join the space where `spaceType` field is `SPACE`. Principals allowed to join the
 * space must also be allowed to discover it. ... The supported field masks include:
 * `access_settings.access_permission_settings.discoverSpaceSetting`,
 * `access_settings.access_permission_settings.joinSpaceSetting`". On the field: "To set the target
 * audience when creating a space, specify the `accessSettings.audience` field in your request."
 */
import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { calls, checkedChat as checked, configureRuntime, runtime } from "../support/runtime";

const OWNER = "owner@example.com";
const DISCOVER = "access_settings.access_permission_settings.discover_space_setting";
const JOIN = "access_settings.access_permission_settings.join_space_setting";
const who = (...audiences: string[]) => ({ principals: audiences.map((audience) => ({ audience })) });

const OPEN = {
  owner: OWNER,
  displayName: "Open",
  setupKey: "proj/dev/open",
  accessSettings: {
    accessPermissionSettings: {
      discoverSpaceSetting: who("audiences/eng", "audiences/default"),
      joinSpaceSetting: who("audiences/eng"),
    },
  },
};

async function spaceCalls(emu: ReturnType<typeof useEmulator>) {
  return (await calls(emu))
    .filter((c) => c.method.startsWith("chat.") && c.method.endsWith("Space"))
    .map((c) => [c.method.slice(5), ...(c.updateMask ?? [])].join(" "));
}

describe("ChatSpace runtime: access permission settings (discover and join)", () => {
  const emu = useEmulator();
  beforeEach(() => configureRuntime(emu, { "googlemeet:quotaWindowSeconds": "0.001" }));

  it("sets them after setup with one UpdateSpace naming exactly the two settings, and reads them back sorted", async () => {
    const { outs } = await runtime.chat.create(await checked(OPEN));
    assert.deepEqual(await spaceCalls(emu), ["SetUpSpace", `UpdateSpace ${DISCOVER} ${JOIN}`]);
    assert.deepEqual(outs.accessSettings, {
      audience: "",
      accessState: "DISCOVERABLE",
      accessPermissionSettings: {
        discoverSpaceSetting: who("audiences/default", "audiences/eng"),
        joinSpaceSetting: who("audiences/eng"),
      },
    });
    assert.deepEqual(outs.managedSettings, [
      "displayName",
      "accessSettings.accessPermissionSettings.discoverSpaceSetting",
      "accessSettings.accessPermissionSettings.joinSpaceSetting",
    ]);
  });

  it("a change of one setting is one UpdateSpace with only its path; a reordering or leaving one out is no change", async () => {
    const { id, outs } = await runtime.chat.create(await checked(OPEN));
    await emu.admin.clearRequests();
    const wider = await checked({
      ...OPEN,
      accessSettings: {
        accessPermissionSettings: {
          discoverSpaceSetting: who("audiences/default", "audiences/eng"),
          joinSpaceSetting: who("audiences/default", "audiences/eng"),
        },
      },
    });
    const diff = await runtime.chat.diff(id, outs, wider);
    assert.deepEqual(Object.keys(diff.detailedDiff), [
      "accessSettings.accessPermissionSettings.joinSpaceSetting",
    ]);
    const { outs: after } = await runtime.chat.update(id, outs, wider);
    assert.deepEqual(await spaceCalls(emu), [`UpdateSpace ${JOIN}`]);
    assert.deepEqual(
      after.accessSettings.accessPermissionSettings!.joinSpaceSetting,
      who("audiences/default", "audiences/eng"),
    );

    const reordered = await checked({
      ...OPEN,
      accessSettings: {
        accessPermissionSettings: {
          discoverSpaceSetting: who("audiences/eng", "audiences/default"),
          joinSpaceSetting: who("audiences/eng", "audiences/default"),
        },
      },
    });
    assert.equal((await runtime.chat.diff(id, after, reordered)).changes, false);
    await emu.admin.clearRequests();
    await runtime.chat.update(id, after, reordered);
    assert.deepEqual(await spaceCalls(emu), []);
  });

  it("refuses, before any call, a join setting outside the discover setting the space keeps", async () => {
    const { id, outs } = await runtime.chat.create(await checked(OPEN));
    await emu.admin.clearRequests();
    const joinOnly = await checked({
      ...OPEN,
      accessSettings: { accessPermissionSettings: { joinSpaceSetting: who("audiences/sales") } },
    });
    await assert.rejects(runtime.chat.update(id, outs, joinOnly), (err: Error) => {
      assert.equal(
        err.message,
        `Could not update the Chat space (${id}): ` +
          'accessSettings.accessPermissionSettings.joinSpaceSetting lets "audiences/sales" join but discoverSpaceSetting does not let it discover the space; Google requires that principals allowed to join the space are also allowed to discover it: add it to discoverSpaceSetting (the space\'s discoverSpaceSetting, not managed here, is kept as it is). Nothing was changed.',
      );
      return true;
    });
    assert.deepEqual(await spaceCalls(emu), []);
    // A new space lets nobody discover it: the same refusal, before SetUpSpace, so nothing is left half made.
    await assert.rejects(
      runtime.chat.create({ ...joinOnly, displayName: "Other", setupKey: "proj/dev/other" }),
      /joinSpaceSetting lets "audiences\/sales" join but discoverSpaceSetting does not let it discover the space/,
    );
    assert.deepEqual(await spaceCalls(emu), []);
    assert.equal((await emu.admin.chatSpaces()).length, 1);
  });

  it("check names the property and what is allowed, for every failure at once", async () => {
    const result = await runtime.chat.check(
      {},
      {
        owner: OWNER,
        displayName: "Open",
        accessSettings: {
          accessPermissionSettings: {
            discoverSpaceSetting: { principals: [{ audience: "groups/eng" }, { user: "users/1" }] },
            joinSpaceSetting: who("audiences/sales"),
            everyone: true,
          },
        },
      },
    );
    assert.deepEqual(
      result.failures.map((f: any) => [f.property, f.reason]),
      [
        [
          "accessSettings.accessPermissionSettings.everyone",
          'unknown property "everyone"; allowed: discoverSpaceSetting, joinSpaceSetting',
        ],
        [
          "accessSettings.accessPermissionSettings.discoverSpaceSetting.principals[0].audience",
          'must be "audiences/{id}" (e.g. "audiences/default", the organization\'s default target audience), got string "groups/eng"',
        ],
        [
          "accessSettings.accessPermissionSettings.discoverSpaceSetting.principals[1].user",
          'unknown property "user"; allowed: audience',
        ],
        [
          "accessSettings.accessPermissionSettings.discoverSpaceSetting.principals[1].audience",
          'must be "audiences/{id}" (e.g. "audiences/default", the organization\'s default target audience), left out',
        ],
      ],
    );
    const joinOutside = await runtime.chat.check(
      {},
      {
        ...OPEN,
        accessSettings: {
          accessPermissionSettings: {
            discoverSpaceSetting: who("audiences/eng"),
            joinSpaceSetting: who("audiences/eng", "audiences/sales"),
          },
        },
      },
    );
    assert.deepEqual(
      joinOutside.failures.map((f: any) => f.property),
      ["accessSettings.accessPermissionSettings.joinSpaceSetting"],
    );
    const group = await runtime.chat.check(
      {},
      {
        owner: OWNER,
        spaceType: "GROUP_CHAT",
        members: [{ email: "a@example.com" }, { email: "b@example.com" }],
        accessSettings: { accessPermissionSettings: { discoverSpaceSetting: who("audiences/default") } },
      },
    );
    assert.deepEqual(
      group.failures.map((f: any) => [f.property, f.reason]),
      [["accessSettings", "applies only to spaces of type SPACE"]],
    );
  });

  it("refresh reports a change made in Chat as drift; import manages what the space has", async () => {
    const { id, outs } = await runtime.chat.create(await checked(OPEN));
    const res = await fetch(
      `${emu.httpUrl}/v1/${id}?updateMask=access_settings.access_permission_settings.joinSpaceSetting`,
      {
        method: "PATCH",
        headers: { authorization: `Bearer ${OWNER}`, "content-type": "application/json" },
        body: JSON.stringify({ accessSettings: { accessPermissionSettings: { joinSpaceSetting: {} } } }),
      },
    );
    assert.equal(res.status, 200, await res.text());
    const read = await runtime.chat.read(id, outs);
    assert.deepEqual((read.inputs as any).accessSettings.accessPermissionSettings, {
      discoverSpaceSetting: who("audiences/default", "audiences/eng"),
      joinSpaceSetting: who(),
    });
    const imported = await runtime.chat.read(id, { owner: OWNER } as any);
    assert.ok(
      imported.props!.managedSettings.includes(
        "accessSettings.accessPermissionSettings.discoverSpaceSetting",
      ),
    );
    const again = await runtime.chat.check({}, imported.inputs as Record<string, unknown>);
    assert.deepEqual(again.failures, []);
  });
});
