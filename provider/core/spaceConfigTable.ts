/**
 * The settings of a Meet space as ONE table (`CONFIG_TABLE`): each setting's enum (with what each
 * value means), what it does, the plan feature it may need, and the schema's object types. The
 * types below and everything in spaceConfig.ts (validation, the diff, the changed settings an
 * update sends, reading the API's answers) and the native schema are derived from it. Field and
 * enum names are the API's own. A new setting is one entry here.
 */

/** An enum of the API: its schema name, what it is, and each value with its meaning. */
export interface EnumDef<V extends string = string> {
  readonly name: string;
  readonly description: string;
  /** In the proto's order: the API's enum numbers are 1-based in it. */
  readonly values: Readonly<Record<V, string>>;
}

function enumDef<const V extends string>(
  name: string,
  description: string,
  values: Record<V, string>,
): EnumDef<V> {
  return { name, description, values };
}

export interface Leaf<V extends string> {
  readonly kind: "setting";
  readonly enum: EnumDef<V>;
  /** What the setting does, for the schema (which adds what leaving it out means). */
  readonly doc: string;
  /** The value that needs a feature of the owner's Workspace plan, if any. */
  readonly planFeature?: V;
}

export interface Group<C extends Record<string, Node>> {
  readonly kind: "group";
  /** The schema's object type for it. */
  readonly typeName: string;
  /** The object type's description. */
  readonly typeDoc: string;
  /** The description of the property holding it. */
  readonly doc: string;
  readonly children: C;
}

export type Node = Leaf<string> | Group<Record<string, Node>>;

const setting = <V extends string>(e: EnumDef<V>, doc: string, planFeature?: V): Leaf<V> => ({
  kind: "setting",
  enum: e,
  doc,
  ...(planFeature ? { planFeature } : {}),
});

const group = <C extends Record<string, Node>>(
  typeName: string,
  typeDoc: string,
  doc: string,
  children: C,
): Group<C> => ({ kind: "group", typeName, typeDoc, doc, children });

const RESTRICTION = enumDef("RestrictionType", "Who may use a feature while moderation is on.", {
  HOSTS_ONLY: "Only the meeting owner and co-hosts may use the feature.",
  NO_RESTRICTION: "Every participant may use the feature.",
});

const AUTO_GENERATION = enumDef(
  "AutoGenerationType",
  "Whether an artifact is made automatically for every meeting in the space.",
  {
    ON: "Made automatically for every meeting (needs a Workspace plan with this feature).",
    OFF: "Not made automatically.",
  },
);

/**
 * Every setting the Meet API has for a space. Each one left out is not managed: it is never sent,
 * and the room keeps whatever value it has (at creation, the owner's Workspace policy default).
 */
export const CONFIG_TABLE = group(
  "SpaceConfig",
  "A meeting space's settings, with the Meet API's names and values. Only the settings written down are managed.",
  "",
  {
    accessType: setting(
      enumDef("AccessType", "Who can join the meeting space without knocking.", {
        OPEN: "Anyone with the join information (the link or the meeting code) can join without knocking.",
        TRUSTED:
          "Members of the owner's organisation, invitees and dial-in callers can join without knocking; everyone else knocks.",
        RESTRICTED: "Only invitees can join without knocking; everyone else knocks.",
      }),
      "Who can join without knocking.",
    ),
    entryPointAccess: setting(
      enumDef("EntryPointAccess", "The entry points that can be used to join the meeting space.", {
        ALL: "Every entry point (the Meet app, Calendar, links, dial-in, and apps) can be used to join.",
        CREATOR_APP_ONLY:
          "Only apps owned by the Google Cloud project that created the space can be used to join.",
      }),
      "Which entry points can join the space.",
    ),
    moderation: setting(
      // Moderation's enum is OFF=1, ON=2: the reverse of the other on/off enums.
      enumDef("Moderation", "Whether the hosts' moderation controls are on.", {
        OFF: "Moderation is off: Meet resets the moderation restrictions to their defaults.",
        ON: "Moderation is on: the owner and co-hosts have the restrictions in `moderationRestrictions`.",
      }),
      "Whether the hosts' moderation controls are on. Setting `OFF` makes Meet reset the moderation restrictions.",
    ),
    moderationRestrictions: group(
      "ModerationRestrictions",
      "Restrictions that apply while moderation is `ON`.",
      "Restrictions in effect while moderation is `ON`.",
      {
        chatRestriction: setting(RESTRICTION, "Who may send chat messages."),
        reactionRestriction: setting(RESTRICTION, "Who may send reactions."),
        presentRestriction: setting(RESTRICTION, "Who may present (share their screen)."),
        defaultJoinAsViewerType: setting(
          enumDef(
            "DefaultJoinAsViewerType",
            "Whether people join as viewers by default while moderation is on.",
            {
              ON: "People join as viewers unless a member role says otherwise.",
              OFF: "People join as contributors.",
            },
          ),
          "Whether people join as viewers unless a member role says otherwise.",
        ),
      },
    ),
    attendanceReportGenerationType: setting(
      enumDef(
        "AttendanceReportGenerationType",
        "Whether Meet writes an attendance report after each meeting.",
        {
          GENERATE_REPORT: "Generate an attendance report (needs a Workspace plan with attendance reports).",
          DO_NOT_GENERATE: "Do not generate an attendance report.",
        },
      ),
      "Whether an attendance report is made after each meeting.",
      "GENERATE_REPORT",
    ),
    artifactConfig: group(
      "ArtifactConfig",
      "Automatically made meeting artifacts.",
      "Automatic recording, transcripts and smart notes.",
      {
        recordingConfig: group("RecordingConfig", "Automatic recording.", "Automatic recording.", {
          autoRecordingGeneration: setting(AUTO_GENERATION, "Record every meeting automatically.", "ON"),
        }),
        transcriptionConfig: group(
          "TranscriptionConfig",
          "Automatic transcripts.",
          "Automatic transcripts.",
          {
            autoTranscriptionGeneration: setting(
              AUTO_GENERATION,
              "Transcribe every meeting automatically.",
              "ON",
            ),
          },
        ),
        smartNotesConfig: group(
          "SmartNotesConfig",
          "Automatic smart notes.",
          "Automatic notes taken by Gemini.",
          {
            autoSmartNotesGeneration: setting(
              AUTO_GENERATION,
              "Take notes with Gemini in every meeting automatically.",
              "ON",
            ),
          },
        ),
      },
    ),
  },
);

// --- types, derived from the table ----------------------------------------------------------

type ConfigOf<C> = {
  -readonly [K in keyof C]?: C[K] extends Leaf<infer V>
    ? V
    : C[K] extends Group<infer G>
      ? ConfigOf<G>
      : never;
};

type Children = typeof CONFIG_TABLE.children;
type ValueOf<E> = E extends EnumDef<infer V> ? V : never;

/** Every setting of a space; each one left out is not managed (never sent, never drift). */
export type SpaceConfig = ConfigOf<Children>;
export type AccessType = ValueOf<Children["accessType"]["enum"]>;
export type EntryPointAccess = ValueOf<Children["entryPointAccess"]["enum"]>;
export type Moderation = ValueOf<Children["moderation"]["enum"]>;
export type RestrictionType = ValueOf<typeof RESTRICTION>;
export type OnOff = ValueOf<typeof AUTO_GENERATION>;
export type AttendanceReportGenerationType = ValueOf<Children["attendanceReportGenerationType"]["enum"]>;
/** Restrictions that apply while moderation is ON. */
export type ModerationRestrictions = NonNullable<SpaceConfig["moderationRestrictions"]>;
/** Automatic recording, transcripts and smart notes. */
export type ArtifactConfig = NonNullable<SpaceConfig["artifactConfig"]>;

// --- the leaves and groups, walked once ------------------------------------------------------

/** One leaf setting. `path` is its JSON path under `config`; `key` the same, dotted. */
export interface SettingSpec {
  readonly path: readonly string[];
  /** `moderationRestrictions.chatRestriction`: the JSON form the v2 mask, state and messages use. */
  readonly key: string;
  readonly values: readonly string[];
  readonly enum: EnumDef;
  readonly doc: string;
  readonly planFeature?: string;
}

/** A group of settings: its key (`""` for `config` itself) and its node. */
export interface GroupSpec {
  readonly key: string;
  readonly node: Group<Record<string, Node>>;
}

export const SETTINGS: readonly SettingSpec[] = [];
export const GROUPS: readonly GroupSpec[] = [];
(function walkTable(node: Group<Record<string, Node>>, path: string[]) {
  (GROUPS as GroupSpec[]).push({ key: path.join("."), node });
  for (const [name, child] of Object.entries(node.children)) {
    const at = [...path, name];
    if (child.kind === "group") walkTable(child, at);
    else
      (SETTINGS as SettingSpec[]).push({
        path: at,
        key: at.join("."),
        values: Object.keys(child.enum.values),
        enum: child.enum,
        doc: child.doc,
        planFeature: child.planFeature,
      });
  }
})(CONFIG_TABLE, []);
