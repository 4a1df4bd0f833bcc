// The engine's floor, for the benchmark: as many dynamic resources as the fleet has rooms, with the
// same inputs (owner, config, co-hosts), through a provider that does nothing. Whatever an apply of
// this stack costs is Pulumi's own price for that many dynamic resources of that size; the fleet's
// time beyond it is ours.
//   floor:resources  how many resources (default 10)
//   floor:cohosts    co-hosts in each resource's inputs (default 5)
// And in the environment of the run (the CLI passes it to the provider host):
//   FLOOR_OUTPUTS    JSON object: outputs each create returns beside its inputs (default none).
//                    The benchmark passes a room's own outputs, so that the engine stores and
//                    sends entries of a room's shape: its price for the state, without the API.
//                    The program then declares those outputs as a resource class does (MeetSpace
//                    declares each of its own), so that the SDK does its per-property work too.
const pulumi = require("@pulumi/pulumi");

const config = new pulumi.Config("floor");
const resources = config.getNumber("resources") ?? 10;
const cohosts = config.getNumber("cohosts") ?? 5;

/**
 * Creates nothing and reads back what it was given; the provider host needs no update or delete
 * of it. As few functions as a do-nothing provider needs, so that the serialized provider text
 * stored in each entry stays short (shorter than a room's). FLOOR_OUTPUTS is read when create
 * runs, in the provider host: a value the function captured would be serialized into that text.
 */
const doNothing = {
  create: async (inputs) => ({
    id: `nothing-${Math.random().toString(36).slice(2)}`,
    outs: { ...inputs, ...JSON.parse(process.env.FLOOR_OUTPUTS || "{}") },
  }),
  read: async (id, props) => ({ id, props }),
};

/** Each output, unknown until created: what a resource class passes for its output properties. */
const declaredOutputs = Object.fromEntries(
  Object.keys(JSON.parse(process.env.FLOOR_OUTPUTS || "{}")).map((key) => [key, undefined]),
);

for (let i = 0; i < resources; i++) {
  new pulumi.dynamic.Resource(
    doNothing,
    `room-${i}`,
    {
      ...declaredOutputs,
      owner: "owner0@example.com",
      config: { accessType: "TRUSTED", moderation: "ON" },
      members: Array.from({ length: cohosts }, (_, j) => ({
        email: `cohost${j}.room${i}@example.com`,
        role: "COHOST",
      })),
    },
    {},
    "floor",
    "Nothing",
  );
}
