/**
 * The engine's wire form and the operations' plain values, both ways: a request's type token,
 * structs to objects and back, a diff and a check failure as the engine reads them, and a failure
 * as a gRPC error (with `ErrorResourceInitFailed` when the space exists, so the engine records it).
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type * as provprotoTypes from "@pulumi/pulumi/proto/provider_pb";
import type * as structprotoTypes from "google-protobuf/google/protobuf/struct_pb";
import { PartialFailure } from "../core/errors";
import type { CheckFailure } from "../core/validation";
import type { DiffResult, PropertyChange } from "../runtime/contracts";
import { secret, withoutUndefined } from "./properties";
import { anyproto, grpc, provproto, statusproto, structproto } from "./pulumiCopies";

export type Props = Record<string, unknown>;

const KINDS: Record<PropertyChange, number> = {
  add: provproto.PropertyDiff.Kind.ADD,
  "add-replace": provproto.PropertyDiff.Kind.ADD_REPLACE,
  delete: provproto.PropertyDiff.Kind.DELETE,
  "delete-replace": provproto.PropertyDiff.Kind.DELETE_REPLACE,
  update: provproto.PropertyDiff.Kind.UPDATE,
  "update-replace": provproto.PropertyDiff.Kind.UPDATE_REPLACE,
};

/** The type token of a request: its `type` field, else the last type in its URN. */
export function typeOf(req: { getType?(): string; getUrn(): string }): string {
  const given = req.getType?.();
  if (given) return given;
  const chain = req.getUrn().split("::")[2] ?? "";
  return chain.slice(chain.lastIndexOf("$") + 1);
}

export function toJs(struct: structprotoTypes.Struct | undefined): Props {
  return (struct?.toJavaScript() as Props) ?? {};
}

export function toStruct(value: Props): structprotoTypes.Struct {
  return structproto.Struct.fromJavaScript(withoutUndefined(value) as any);
}

/** A failure as the gRPC error the engine reads; the whole message is its text. */
export function failure(err: unknown, inputs?: structprotoTypes.Struct): Partial<grpcTypes.ServiceError> {
  const message = err instanceof Error ? err.message : String(err);
  const metadata = new grpc.Metadata();
  if (err instanceof PartialFailure) {
    // The space exists: the engine records it with these properties and updates it next time.
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(err.id);
    const { __provider, ...properties } = err.properties;
    detail.setProperties(toStruct(properties));
    // The engine shows only the reasons ("1 error occurred: * ..."): the whole message is the one
    // reason that says what exists, what failed, and what the next `up` does.
    detail.setReasonsList([message]);
    if (inputs) detail.setInputs(inputs);
    const any = new anyproto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: message, message, metadata };
}

/**
 * A failure as the engine words it. The engine prints `property P value {V} has a problem: R` with
 * V looked up among the top-level inputs: a nested path (`config.accessType`) or a key not set
 * (an environment problem) would read `value {<nil>}`. Those go without a property, named in the
 * reason instead (`… has a problem: config.accessType: must be …`).
 */
export function checkFailure(f: CheckFailure, inputs: Props): provprotoTypes.CheckFailure {
  const failure = new provproto.CheckFailure();
  if (f.property && inputs[f.property] !== undefined && inputs[f.property] !== null) {
    return failure.setProperty(f.property).setReason(f.reason);
  }
  return failure.setReason(f.property ? `${f.property}: ${f.reason}` : f.reason);
}

export function diffResponse(result: DiffResult): provprotoTypes.DiffResponse {
  const res = new provproto.DiffResponse();
  res.setChanges(
    result.changes
      ? provproto.DiffResponse.DiffChanges.DIFF_SOME
      : provproto.DiffResponse.DiffChanges.DIFF_NONE,
  );
  res.setReplacesList(result.replaces);
  res.setDeletebeforereplace(result.deleteBeforeReplace && result.replaces.length > 0);
  const topLevel = new Set<string>();
  const detailed = res.getDetaileddiffMap();
  for (const [property, kind] of Object.entries(result.detailedDiff)) {
    detailed.set(property, new provproto.PropertyDiff().setKind(KINDS[kind] as any).setInputdiff(true));
    topLevel.add(property.split(/[.[]/)[0]);
  }
  res.setDiffsList([...topLevel]);
  res.setHasdetaileddiff(true);
  return res;
}

/** A partial failure's properties carry the same secrets as a success's would. */
export function secretPartial(err: unknown, secretKeys: Set<string>): unknown {
  if (!(err instanceof PartialFailure) || secretKeys.size === 0) return err;
  const properties = Object.fromEntries(
    Object.entries(err.properties).map(([k, v]) => [k, secretKeys.has(k) && v !== undefined ? secret(v) : v]),
  );
  return Object.assign(new PartialFailure(err.message, err.id, properties, err.reasons), {
    stack: err.stack,
  });
}
