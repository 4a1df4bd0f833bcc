/**
 * The Chat API's space methods over the state (chat/state.ts): SetUpSpace with its initial members
 * (idempotent by requestId), GetSpace, UpdateSpace's mask groups, DeleteSpace.
 *
 * Each rule cites the proto comment (`@google-apps/chat` 0.22, google/chat/v1) it follows.
 */
import { SETUP_MEMBERSHIPS_MAX } from "../../google/chat";
import { randomId } from "../ids";
import { snakeToCamel } from "../wire/case";
import { ApiError, fieldsInvalid, invalidArgument, permissionDenied } from "../wire/errors";
import { ACCESS_PERMISSION_MASK_PATHS, updatedAccessPermissions } from "./accessPermissions";
import { type Permission, SPACE_MASK_PATHS, defaultPermissions, enumName, normalizeChatMask } from "./model";
import { type ChatMembershipRecord, type ChatSpaceRecord, ChatState, type SpaceType } from "./state";

/** The space methods. */
export class ChatSpaces extends ChatState {
  /** SetUpSpace: a space with the caller and up to 49 more members, once per requestId. */
  setUpSpace(caller: string, request: any): ChatSpaceRecord {
    const requestId = typeof request?.requestId === "string" ? request.requestId : "";
    if (requestId !== "") {
      const earlier = this.requests.get(requestId);
      const existing = earlier && this.spaces.get(earlier.spaceId);
      if (earlier && existing) {
        // "Specifying an existing request ID returns the space created with that ID instead of
        // creating a new space. Specifying an existing request ID from the same Chat app with a
        // different authenticated user returns an error."
        if (earlier.caller.toLowerCase() !== caller.toLowerCase())
          throw invalidArgument(
            `request_id ${JSON.stringify(requestId)} was already used by another user; use a new request id`,
          );
        return existing;
      }
    }
    const space = request?.space;
    if (!space || typeof space !== "object") throw invalidArgument("space is required");
    // "The Space.spaceType field is required."
    const type = enumName("spaceType", space.spaceType);
    if (type === "DIRECT_MESSAGE")
      throw new ApiError(
        "UNIMPLEMENTED",
        "SetUpSpace with DIRECT_MESSAGE is not implemented by the emulator",
      );
    if (type !== "SPACE" && type !== "GROUP_CHAT")
      throw invalidArgument(
        `space.space_type is required: SPACE or GROUP_CHAT, got ${JSON.stringify(space.spaceType ?? null)}`,
      );
    const displayName = typeof space.displayName === "string" ? space.displayName : "";
    const memberships: any[] = Array.isArray(request.memberships) ? request.memberships : [];
    if (type === "SPACE") {
      // "To create a space, set Space.spaceType to SPACE and set Space.displayName."
      if (displayName.trim() === "")
        throw invalidArgument("space.display_name is required when space_type is SPACE");
    } else {
      // "To create a group chat, set Space.spaceType to GROUP_CHAT. Don't set Space.displayName."
      if (displayName !== "")
        throw invalidArgument("space.display_name must not be set when space_type is GROUP_CHAT");
      // "Required when setting Space.spaceType to GROUP_CHAT, along with at least two memberships."
      if (memberships.length < 2)
        throw invalidArgument(
          `a GROUP_CHAT needs at least two memberships besides the caller, got ${memberships.length}`,
        );
    }
    if (memberships.length > SETUP_MEMBERSHIPS_MAX)
      throw invalidArgument(
        `memberships: up to ${SETUP_MEMBERSHIPS_MAX} memberships are allowed in addition to the caller, got ${memberships.length}`,
      );
    // Space's oneof space_permission_settings: predefined_permission_settings is "input only when
    // creating a space"; permission_settings are "Space permission settings for existing spaces".
    if (space.permissionSettings && space.predefinedPermissionSettings !== undefined)
      throw invalidArgument(
        "space.predefined_permission_settings and space.permission_settings are one oneof (space_permission_settings): set one, not both",
      );
    if (space.permissionSettings)
      throw invalidArgument(
        "space.permission_settings is for updating existing spaces; at setup use predefined_permission_settings",
      );
    const details = ChatState.details(space.spaceDetails);
    const history =
      space.spaceHistoryState === undefined ? "HISTORY_ON" : ChatState.history(space.spaceHistoryState);
    const audience = ChatState.audience(space.accessSettings?.audience);
    // AccessSettings.access_permission_settings: "To set the target audience when creating a
    // space, specify the `accessSettings.audience` field in your request." They are UpdateSpace's.
    if (space.accessSettings?.accessPermissionSettings !== undefined)
      throw invalidArgument(
        "space.access_settings.access_permission_settings cannot be set when a space is set up; set access_settings.audience, or update the space with the access_settings.access_permission_settings mask",
      );
    if (type !== "SPACE" && audience !== "")
      throw invalidArgument("space.access_settings applies only to spaces of type SPACE");
    const predefined = enumName("predefinedPermissionSettings", space.predefinedPermissionSettings);
    if (space.predefinedPermissionSettings !== undefined) {
      if (predefined === undefined)
        throw invalidArgument(
          `space.predefined_permission_settings must be COLLABORATION_SPACE or ANNOUNCEMENT_SPACE, got ${JSON.stringify(space.predefinedPermissionSettings)}`,
        );
      // Permission settings are "Only populated when the space_type is SPACE."
      if (type !== "SPACE")
        throw invalidArgument("space.predefined_permission_settings applies only to spaces of type SPACE");
    }

    const callerId = this.userId(caller);
    const created = this.now();
    const members: ChatMembershipRecord[] = [];
    let seq = 1;
    // The caller is added automatically: as manager of a SPACE; in a group chat everyone is ROLE_MEMBER.
    members.push({
      id: callerId,
      kind: "user",
      email: caller.toLowerCase(),
      role: type === "SPACE" ? "ROLE_MANAGER" : "ROLE_MEMBER",
      createTime: created,
      seq: seq++,
    });
    memberships.forEach((m, i) => {
      const added = this.newMembership(m, type, `memberships[${i}]`, created, seq++);
      // "Omit the calling user, as they are added automatically."
      if (added.kind === "user" && added.id === callerId)
        throw invalidArgument(`memberships[${i}] is the calling user, who is added automatically; omit it`);
      if (members.some((x) => x.kind === added.kind && x.id === added.id))
        throw invalidArgument(`memberships[${i}] repeats a member listed earlier`);
      members.push(added);
    });
    if (type === "SPACE") this.checkDisplayName(displayName);

    let id = randomId(11);
    while (this.spaces.has(id)) id = randomId(11);
    const record: ChatSpaceRecord = {
      id,
      spaceType: type,
      displayName: type === "SPACE" ? displayName : "",
      ...details,
      historyState: history,
      externalUserAllowed: space.externalUserAllowed === true,
      audience,
      permissions: type === "SPACE" ? defaultPermissions(predefined === "ANNOUNCEMENT_SPACE") : undefined,
      creator: caller,
      createTime: created,
      memberships: members,
      nextSeq: seq,
    };
    this.spaces.set(id, record);
    if (requestId !== "") this.requests.set(requestId, { spaceId: id, caller });
    this.onChange();
    return record;
  }

  /** A membership from a request: a HUMAN user by id or email, or a group (SPACE only). */
  protected newMembership(
    m: any,
    type: SpaceType,
    field: string,
    now: number,
    seq: number,
  ): ChatMembershipRecord {
    if (m?.groupMember) {
      // "You can only add Google groups when setting Space.spaceType to SPACE."
      if (type !== "SPACE")
        throw invalidArgument(
          `${field}.group_member: Google groups can only be added to spaces of type SPACE`,
        );
      const g = /^groups\/([^/]+)$/.exec(String(m.groupMember.name ?? ""));
      if (!g) throw invalidArgument(`${field}.group_member.name must be "groups/{group}"`);
      return { id: g[1], kind: "group", role: "MEMBERSHIP_ROLE_UNSPECIFIED", createTime: now, seq };
    }
    const member = m?.member;
    if (!member) throw invalidArgument(`${field} needs member (a user) or group_member`);
    const userType = member.type === undefined ? undefined : enumName("type", member.type);
    // "the Membership.member field must contain a user with name populated ... and type set to User.Type.HUMAN"
    if (userType !== "HUMAN")
      throw invalidArgument(`${field}.member.type must be HUMAN (only human users can be added here)`);
    const user = this.parseUser(member.name, `${field}.member.name`);
    // Role is "only used as input in UpdateMembership": a new membership is ROLE_MEMBER.
    return { id: user.id, kind: "user", email: user.email, role: "ROLE_MEMBER", createTime: now, seq };
  }

  getSpace(caller: string, name: unknown): ChatSpaceRecord {
    const space = this.space(name, "GetSpace");
    this.member(space, caller, "GetSpace");
    return space;
  }

  /** UpdateSpace with the mask rules of UpdateSpaceRequest.update_mask (space.proto). */
  updateSpace(caller: string, request: any): ChatSpaceRecord {
    const sent = request?.space;
    if (!sent || typeof sent !== "object") throw invalidArgument("space is required");
    const paths = normalizeChatMask(request.updateMaskPaths ?? []);
    // "Required. The updated field paths"
    if (paths.length === 0) throw invalidArgument("update_mask is required: name the fields to update");
    const unknown = paths.filter((p) => !SPACE_MASK_PATHS.includes(p));
    if (unknown.length > 0) {
      throw fieldsInvalid(
        `Invalid update_mask path(s) ${unknown.map((p) => `"${p}"`).join(", ")}; allowed: ${SPACE_MASK_PATHS.join(", ")}`,
        unknown.map((p) => ({ field: "update_mask", description: `"${p}" is not a field Chat can update` })),
      );
    }
    const space = this.space(sent.name, "UpdateSpace");
    this.member(space, caller, "UpdateSpace");
    const others = (path: string) => paths.some((p) => p !== path);
    // "To update the space history state, you must omit all other field masks in your request."
    if (paths.includes("space_history_state") && others("space_history_state"))
      throw invalidArgument("space_history_state must be the only path in update_mask");
    // "To update access settings for a space, the authenticating user must be a space manager and
    // omit all other field masks in your request."
    if (paths.includes("access_settings.audience") && others("access_settings.audience"))
      throw invalidArgument("access_settings.audience must be the only path in update_mask");
    // "When updating permission settings, you can only specify permissionSettings field masks; you
    // cannot update other field masks at the same time."
    // "To update access permission settings for a space, the authenticating user must be a space
    // manager or assistant manager and omit all other field masks in the request."
    const accessPaths = paths.filter((p) => ACCESS_PERMISSION_MASK_PATHS.includes(p));
    if (accessPaths.length > 0 && accessPaths.length !== paths.length)
      throw invalidArgument(
        "access_settings.access_permission_settings paths cannot be combined with other paths in update_mask",
      );
    const permissionPaths = paths.filter((p) => p.startsWith("permission_settings."));
    if (permissionPaths.length > 0 && permissionPaths.length !== paths.length)
      throw invalidArgument("permission_settings.* paths cannot be combined with other paths in update_mask");

    const next = { ...space };
    if (paths.includes("space_type")) {
      // "Only supports changing a GROUP_CHAT space type to SPACE. Include display_name together
      // with space_type in the update mask and ensure that the specified space has a non-empty
      // display name and the SPACE space type."
      const to = enumName("spaceType", sent.spaceType);
      if (
        space.spaceType !== "GROUP_CHAT" ||
        to !== "SPACE" ||
        !paths.includes("display_name") ||
        !String(sent.displayName ?? "").trim()
      )
        throw invalidArgument(
          "space_type can only change a GROUP_CHAT to SPACE, with display_name in the same update_mask and a non-empty display name",
        );
      next.spaceType = "SPACE";
    }
    if (paths.includes("display_name")) {
      // "display_name: Only supports updating the display name for spaces where spaceType field is SPACE."
      if (next.spaceType !== "SPACE")
        throw invalidArgument("display_name can only be updated on spaces of type SPACE");
      const name = typeof sent.displayName === "string" ? sent.displayName : "";
      if (name.trim() === "") throw invalidArgument("display_name cannot be empty on a SPACE");
      this.require(space, caller, "modifySpaceDetails", "UpdateSpace");
      this.checkDisplayName(name, space);
      next.displayName = name;
    }
    if (paths.includes("space_details")) {
      // "You must pass both description and guidelines ... If you only want to update one of the
      // fields, pass the existing value for the other field." (an omitted one becomes empty)
      this.require(space, caller, "modifySpaceDetails", "UpdateSpace");
      Object.assign(next, ChatState.details(sent.spaceDetails));
    }
    if (paths.includes("space_history_state")) {
      this.require(space, caller, "toggleHistory", "UpdateSpace");
      next.historyState = ChatState.history(sent.spaceHistoryState);
    }
    if (paths.includes("access_settings.audience")) {
      if (space.spaceType !== "SPACE")
        throw invalidArgument("access_settings.audience applies only to spaces of type SPACE");
      this.require(space, caller, "manager", "UpdateSpace");
      // "you can remove the audience and restrict space access by omitting a value for this field mask"
      next.audience = ChatState.audience(sent.accessSettings?.audience);
    }
    if (accessPaths.length > 0) {
      // "... who can discover and join the space where `spaceType` field is `SPACE`."
      if (space.spaceType !== "SPACE")
        throw invalidArgument(
          "access_settings.access_permission_settings applies only to spaces of type SPACE",
        );
      const own = this.member(space, caller, "UpdateSpace");
      if (own.role !== "ROLE_MANAGER" && own.role !== "ROLE_ASSISTANT_MANAGER")
        throw permissionDenied(
          `UpdateSpace: only a space manager or assistant manager of spaces/${space.id} can update access_settings.access_permission_settings; ${caller} is ${own.role}`,
        );
      next.access = updatedAccessPermissions(
        space.access,
        accessPaths,
        sent.accessSettings?.accessPermissionSettings,
      );
    }
    if (permissionPaths.length > 0) {
      if (space.spaceType !== "SPACE")
        throw invalidArgument("permission_settings applies only to spaces of type SPACE");
      this.require(space, caller, "manager", "UpdateSpace");
      const permissions = { ...space.permissions! };
      for (const path of permissionPaths) {
        const key = snakeToCamel(path.slice("permission_settings.".length)) as Permission;
        const value = sent.permissionSettings?.[key] ?? {};
        // "existing permission settings are replaced": what is not sent becomes false.
        permissions[key] = {
          managersAllowed: value.managersAllowed === true,
          assistantManagersAllowed: value.assistantManagersAllowed === true,
          membersAllowed: value.membersAllowed === true,
        };
      }
      next.permissions = permissions;
    }
    if (next.spaceType === "SPACE" && !next.permissions) next.permissions = defaultPermissions(false);
    // Converted group chats keep their members; everyone stays ROLE_MEMBER except the converter.
    if (space.spaceType === "GROUP_CHAT" && next.spaceType === "SPACE") {
      next.memberships = space.memberships.map((m) =>
        m.id === this.userId(caller) ? { ...m, role: "ROLE_MANAGER" as const } : m,
      );
    }
    Object.assign(space, next);
    this.onChange();
    return space;
  }

  /** DeleteSpace: SPACE by a manager ("A space owner ... Delete the space"); a group chat by any member. */
  deleteSpace(caller: string, name: unknown): void {
    const space = this.space(name, "DeleteSpace");
    this.require(space, caller, "manager", "DeleteSpace");
    this.spaces.delete(space.id);
    for (const [id, r] of this.requests) if (r.spaceId === space.id) this.requests.delete(id);
    this.onChange();
  }
}
