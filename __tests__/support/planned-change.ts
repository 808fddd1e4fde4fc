import { PlannedChange } from "../../src/review/plan-file";

/**
 * A planned change as the plan reader makes it, with only what a test names: by default not
 * an import, no values, nothing unknown or sensitive, no attribute forcing a replacement.
 */
export const plannedChange = (fields: Pick<PlannedChange, "address" | "type" | "action"> & Partial<PlannedChange>): PlannedChange => ({
  importing: false,
  before: {},
  after: {},
  afterUnknown: {},
  beforeSensitive: {},
  afterSensitive: {},
  replacedBecause: [],
  ...fields,
});
