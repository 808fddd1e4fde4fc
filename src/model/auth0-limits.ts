/**
 * Auth0's own rules for the objects a tenant file describes. Sources: the provider docs
 * (v1.55.0) and Auth0's entity-limit policy. Checking them here turns a failed apply in
 * production into an error on the pull request.
 */

/**
 * Organization names: lowercase letters, digits, `-` and `_`, starting with a letter or digit
 * (Auth0's "Create Organizations" rule, which the simulator follows; a trailing `-` or `_` is
 * allowed). Stricter here: not starting with `org_`, because applications may pass either an
 * organization's name or its `org_` id at login, and such a name would read as an id.
 */
export const ORGANIZATION_NAME = /^(?!org_)[a-z0-9][a-z0-9_-]*$/;
export const ORGANIZATION_NAME_MAX = 50;
export const isOrganizationName = (name: string) => ORGANIZATION_NAME.test(name) && name.length <= ORGANIZATION_NAME_MAX;
export const DISPLAY_NAME_MAX = 255;

/** `metadata` on an organization: "Maximum of 10 metadata properties allowed", values up to 255 characters. */
export const METADATA_MAX_KEYS = 10;
export const METADATA_KEY_MAX = 255;
export const METADATA_VALUE_MAX = 255;

/** Entity limits: connections per organization, role assignments per member, M2M grants per organization. */
export const CONNECTIONS_PER_ORGANIZATION_MAX = 10;
export const ROLES_PER_MEMBER_MAX = 50;
export const CLIENT_GRANTS_PER_ORGANIZATION_MAX = 100;

/** Connection names: letters, digits and single dashes, no leading or trailing dash. */
export const CONNECTION_NAME = /^[A-Za-z0-9](?:-?[A-Za-z0-9])*$/;
export const CONNECTION_NAME_MAX = 128;

export const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** Keys used inside this project to refer to roles and agents (also Terraform-safe). */
export const KEY = /^[a-z][a-z0-9_-]*$/;
export const KEY_MAX = 40;

/** API scopes such as `read:data`. */
export const SCOPE = /^[A-Za-z0-9_.:-]+$/;
