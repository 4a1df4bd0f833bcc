/**
 * The Chat API's store step inside the emulator's one call pipeline (pipeline/service.ts): the
 * same latency, identity, scopes, quota, faults and journal as Meet; only this step differs.
 */
import type { CallOf, ChatMethod, JournalEntry } from "../wire/call";
import { numericEnums } from "./model";
import { type ChatStore, chatMembershipToJson, chatSpaceToJson } from "./store";

/** Runs one Chat call against the store and renders the answer for the call's transport. */
export function applyChat(
  store: ChatStore,
  call: CallOf<ChatMethod>,
  caller: string,
  entry: JournalEntry,
): Record<string, any> {
  const { request, transport } = call;
  const render = (value: Record<string, unknown>) =>
    (call.numericEnums ? numericEnums(value) : value) as Record<string, any>;
  const request2 = { ...request, updateMaskPaths: call.updateMask };
  switch (call.method) {
    case "chat.SetUpSpace": {
      const space = store.setUpSpace(caller, request);
      entry.name = `spaces/${space.id}`;
      return render(chatSpaceToJson(space, transport));
    }
    case "chat.GetSpace":
      return render(chatSpaceToJson(store.getSpace(caller, request.name), transport));
    case "chat.UpdateSpace":
      return render(chatSpaceToJson(store.updateSpace(caller, request2), transport));
    case "chat.DeleteSpace":
      store.deleteSpace(caller, request.name);
      return {};
    case "chat.CreateMembership": {
      entry.email = String(request.membership?.member?.name ?? request.membership?.groupMember?.name ?? "");
      const [space, m] = store.createMembership(caller, request.parent, request.membership);
      return render(chatMembershipToJson(space, m, transport));
    }
    case "chat.GetMembership": {
      const [space, m] = store.getMembership(caller, request.name);
      return render(chatMembershipToJson(space, m, transport));
    }
    case "chat.ListMemberships": {
      const [space, page, next] = store.listMemberships(caller, request);
      // proto3 JSON leaves out an empty list and an empty token.
      const answer: Record<string, unknown> = {};
      if (page.length > 0) answer.memberships = page.map((m) => chatMembershipToJson(space, m, transport));
      if (next) answer.nextPageToken = next;
      return render(answer);
    }
    case "chat.UpdateMembership": {
      entry.name = String(request.membership?.name ?? "");
      const [space, m] = store.updateMembership(caller, request2);
      return render(chatMembershipToJson(space, m, transport));
    }
    case "chat.DeleteMembership": {
      const [space, m] = store.deleteMembership(caller, request.name);
      return render(chatMembershipToJson(space, m, transport));
    }
    default:
      throw new Error(`applyChat: ${call.method} is not a Chat method`);
  }
}
