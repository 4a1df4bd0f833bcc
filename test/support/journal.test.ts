/** The journal assertion that lets calls sent at once come in either order, and nothing else. */
import * as assert from "node:assert/strict";
import { assertCallsInOrder, together } from "./journal";

describe("assertCallsInOrder", () => {
  it("accepts a group in either order, each call in its place", () => {
    assertCallsInOrder(["A", "L", "G", "D"], ["A", together("G", "L"), "D"]);
    assertCallsInOrder(
      [
        ["G", 1],
        ["L", 2],
      ],
      [together(["L", 2], ["G", 1])],
    );
  });

  it("refuses a call out of its group, one missing, one extra, or a group call that differs", () => {
    for (const actual of [
      ["G", "A", "L", "D"], // A left its place for the group's
      ["A", "L", "D", "G"], // the group split by D
      ["A", "G", "L"], // D missing
      ["A", "G", "L", "D", "D"], // one D too many
      ["A", "G", "G", "D"], // L answered as G
    ])
      assert.throws(
        () => assertCallsInOrder(actual, ["A", together("G", "L"), "D"]),
        assert.AssertionError,
        actual.join(),
      );
  });
});
