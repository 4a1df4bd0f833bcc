import * as assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import { CODE_NAMES, Code, HTTP_STATUS, isCodeName } from "../../google/statusCodes";

describe("google/statusCodes: Google's canonical error codes", () => {
  it("numbers every code as gRPC does (grpc-js's status enum), and no other", () => {
    const grpcCodes = Object.fromEntries(
      Object.entries(grpc.status).filter(([name]) => Number.isNaN(Number(name))),
    );
    assert.deepEqual({ ...Code }, grpcCodes);
  });

  it("names a code by its number, and knows only the codes' names", () => {
    assert.equal(CODE_NAMES[7], "PERMISSION_DENIED");
    assert.equal(CODE_NAMES[14], "UNAVAILABLE");
    assert.equal(CODE_NAMES[17], undefined);
    assert.ok(isCodeName("RESOURCE_EXHAUSTED"));
    assert.ok(!isCodeName("NOT_A_CODE"));
    assert.ok(!isCodeName("toString"));
  });

  it("maps each code to the HTTP status of Google's error table (cloud.google.com/apis/design/errors)", () => {
    assert.deepEqual(Object.keys(HTTP_STATUS).sort(), Object.keys(Code).sort());
    assert.deepEqual(
      {
        INVALID_ARGUMENT: HTTP_STATUS.INVALID_ARGUMENT,
        PERMISSION_DENIED: HTTP_STATUS.PERMISSION_DENIED,
        NOT_FOUND: HTTP_STATUS.NOT_FOUND,
        ALREADY_EXISTS: HTTP_STATUS.ALREADY_EXISTS,
        RESOURCE_EXHAUSTED: HTTP_STATUS.RESOURCE_EXHAUSTED,
        FAILED_PRECONDITION: HTTP_STATUS.FAILED_PRECONDITION,
        UNAUTHENTICATED: HTTP_STATUS.UNAUTHENTICATED,
        UNAVAILABLE: HTTP_STATUS.UNAVAILABLE,
        DEADLINE_EXCEEDED: HTTP_STATUS.DEADLINE_EXCEEDED,
        CANCELLED: HTTP_STATUS.CANCELLED,
      },
      {
        INVALID_ARGUMENT: 400,
        PERMISSION_DENIED: 403,
        NOT_FOUND: 404,
        ALREADY_EXISTS: 409,
        RESOURCE_EXHAUSTED: 429,
        FAILED_PRECONDITION: 400,
        UNAUTHENTICATED: 401,
        UNAVAILABLE: 503,
        DEADLINE_EXCEEDED: 504,
        CANCELLED: 499,
      },
    );
  });
});
