import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../errors";
import { ConfigSources } from "../load/config-files";
import type { Fleet } from "../model/types";
import { writeStacks } from "../synth/synth-command";
import { checkFleet } from "../validate/validate-fleet";
import { affectedStacks, AffectedStacks, decommissionedIn } from "./affected";
import { PLATFORM_FILE, STATE_BACKEND_FILE, TENANTS_DIR } from "./change-scope";
import { fileAt, tenantFilesAt } from "./git-changes";

export interface SameCodeComparisonProps {
  readonly projectDir: string;
  /** The base commit, whose code equals this checkout's. */
  readonly commit: string;
  /** The working tree's files: all of them are validated, as synth would. */
  readonly headSources: ConfigSources;
  /**
   * Names of the only files that changed, all tenant files: only these are built.
   * @default - the platform or backend file changed too: every stack is built on both sides
   */
  readonly onlyTenants?: readonly string[];
  /** A private folder of this run for the base's files and both outputs. */
  readonly work: string;
  readonly env: NodeJS.ProcessEnv;
}

export type SameCodeComparison =
  | { readonly kind: "compared"; readonly affected: AffectedStacks }
  | { readonly kind: "head-invalid"; readonly errors: readonly ConfigError[] }
  /** The base's files do not validate with this code: only building the base with its own code can tell. */
  | { readonly kind: "base-invalid" };

/**
 * Compares the base's files with the working tree's when only files changed, not code:
 * both sides are built in this process with this checkout's code, with no base build, and
 * when only tenant files changed only those tenants are built (the proportional case).
 */
export async function compareWithThisCode(props: SameCodeComparisonProps): Promise<SameCodeComparison> {
  const head = checkFleet(props.headSources);
  if (!head.fleet) return { kind: "head-invalid", errors: head.errors };

  const baseTree = path.join(props.work, "base-tree");
  const baseSources = props.onlyTenants ? changedTenantsAtBase(props, baseTree, props.onlyTenants) : fullBaseSources(props, baseTree);
  const base = checkFleet(baseSources);
  if (!base.fleet) return { kind: "base-invalid" };

  const wanted = props.onlyTenants && new Set(props.onlyTenants);
  const only = (fleet: Fleet): Fleet => (wanted ? { ...fleet, tenants: fleet.tenants.filter((t) => wanted.has(path.basename(t.file, ".json"))) } : fleet);
  const [baseOut, headOut] = [path.join(props.work, "base"), path.join(props.work, "head")];
  await writeStacks(only(base.fleet), baseOut, props.env);
  await writeStacks(only(head.fleet), headOut, props.env);
  return { kind: "compared", affected: affectedStacks(baseOut, headOut, decommissionedIn(baseTree, TENANTS_DIR)) };
}

/**
 * The base's versions of the changed tenant files, named one by one, with the working tree's
 * platform and backend files (unchanged). No folder to check: the working tree's folder was
 * checked with the head, and a tenant added (or no change at all) leaves none at the base,
 * which must not read as an empty tenants folder (that would build the base with its own code).
 */
function changedTenantsAtBase(props: SameCodeComparisonProps, baseTree: string, tenants: readonly string[]): ConfigSources {
  const { platformFile, stateBackendFile } = props.headSources;
  return { platformFile, stateBackendFile, tenantFiles: extract(props, baseTree, tenants.map((name) => `${TENANTS_DIR}/${name}.json`)) };
}

/**
 * Every configuration file of the base. A base without a platform file names where it would
 * be, in the base's tree: reading it fails, so the base does not validate with this code.
 */
function fullBaseSources(props: SameCodeComparisonProps, baseTree: string): ConfigSources {
  const [platformFile = path.join(baseTree, PLATFORM_FILE)] = extract(props, baseTree, [PLATFORM_FILE]);
  const [stateBackendFile] = extract(props, baseTree, [STATE_BACKEND_FILE]);
  return { platformFile, stateBackendFile, tenantFiles: extract(props, baseTree, tenantFilesAt(props.projectDir, props.commit, TENANTS_DIR)) };
}

/** Writes the files that existed at the base commit into `tree`; returns the paths written. */
function extract(props: SameCodeComparisonProps, tree: string, files: readonly string[]): string[] {
  return files.flatMap((relative) => {
    const content = fileAt(props.projectDir, props.commit, relative);
    if (content === undefined) return [];
    const file = path.join(tree, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return [file];
  });
}
