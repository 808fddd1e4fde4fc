// What one Auth0 resource type is, as an area module declares it: the engine
// (engine/*.ts) is generic and reads only these declarations. Every fact names the
// provider file (internal/auth0/<area>/..., tag v1.55.0) or recording it follows.
import type { Diagnostic } from "../diagnostics";
import type { JsonObject, World } from "../store";
import type { ComputedSlot, ObjectValue, Value } from "../values";

/** A reference from an attribute to another object. */
export interface Reference {
  /** The referenced type; "auth0_user" also matches users seeded in the store. */
  readonly type: string;
  /** The referenced object's attribute the value names (default: its id). */
  readonly by?: string;
  /** Values that exist in every tenant without an object in the store (e.g. the Management API's audience). */
  readonly builtIn?: (value: string) => boolean;
  /**
   * What Auth0 does to the holder when the referenced object is deleted: "delete" it
   * (an association goes with its parent), or leave it ("keep", the default). Ids in a
   * list or set always drop out of it: Auth0 lists only objects that exist.
   */
  readonly onDelete?: "delete" | "keep";
}

/** The state about to be written (create or update), with the tenant and the stored prior. */
export interface RuleContext {
  readonly type: string;
  readonly state: ObjectValue;
  readonly world: World;
  /** The stored object being updated; undefined on create. */
  readonly stored: JsonObject | undefined;
}

export type Rule = (ctx: RuleContext) => Diagnostic[];

/** What a type-specific create or update did: the object to store, or Auth0's refusal. */
export type Outcome = { readonly state: ObjectValue } | { readonly diagnostics: Diagnostic[] };

export interface ApplyContext extends RuleContext {
  /** The prior Terraform state (null on create). */
  readonly prior: ObjectValue | null;
  /** The resource's configuration (write-only arguments are only here). */
  readonly config: ObjectValue | null;
}

export interface TypeSpec {
  /** The provider file (and recordings) the declarations follow. */
  readonly source: string;
  /** How Auth0 names a new object: a prefix and 16 alphanumerics, or the import id's parts joined by "::". */
  readonly id?: { readonly prefix?: string; readonly parts?: readonly string[]; readonly make?: (state: ObjectValue) => string };
  /** Attributes ("attr", or "block.attr" inside nested blocks) that name other objects. */
  readonly references?: Readonly<Record<string, Reference>>;
  /** Attributes whose change makes Terraform replace the object (ForceNew in the provider). */
  readonly forceNew?: readonly string[];
  /** Defaults the provider's schema sets at plan time (SDK `Default:`), by "attr" or "block.attr". */
  readonly planDefaults?: Readonly<Record<string, Value>>;
  /**
   * Optional+Computed blocks (the schema format cannot flag them): unset in the
   * configuration they keep what Auth0 has, and are unknown on create.
   */
  readonly computedBlocks?: readonly string[];
  /** Values Auth0 fills on create when the configuration leaves a computed attribute or block out, by "attr" or "block.attr". */
  readonly serverDefaults?: Readonly<Record<string, Value | ((slot: ComputedSlot, world: World, root: ObjectValue) => Value)>>;
  /** Computed values Auth0 reports from related objects, on create and on every read, by "attr" or "block.attr". */
  readonly derived?: Readonly<Record<string, (slot: ComputedSlot, world: World, root: ObjectValue) => Value>>;
  /** Checks Auth0 makes on create and update. */
  readonly rules?: readonly Rule[];
  /** A collection of its parent (e.g. the organization's connections): it reads as empty while the parent exists. */
  readonly collectionOf?: string;
  /** Type-specific create (exclusive guards, adoption); default: store the planned object. */
  readonly create?: (ctx: ApplyContext) => Outcome;
  /** Type-specific update; default: a PATCH of what the configuration sets (unset Optional arguments are not sent). */
  readonly update?: (ctx: ApplyContext) => Outcome;
  /** What Auth0 holds for this object on read (e.g. a collection's entries made elsewhere); default: the stored object. */
  readonly read?: (world: World, id: string, stored: JsonObject | undefined) => JsonObject | undefined;
  /** What deleting does besides removing the stored object and cascading references. */
  readonly remove?: (world: World, id: string, stored: JsonObject) => void;
}

/** One Auth0 area (like internal/auth0/<area> in the provider): its types. */
export interface Area {
  readonly name: string;
  readonly types: Readonly<Record<string, TypeSpec>>;
}
