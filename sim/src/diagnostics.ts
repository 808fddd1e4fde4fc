// Diagnostics and attribute paths in the shape of the tfplugin6 proto messages.
import type { Value } from "./values";

export interface AttributePathStep {
  attribute_name?: string;
  element_key_string?: string;
  element_key_int?: number;
}

export interface AttributePath {
  steps: AttributePathStep[];
}

export interface Diagnostic {
  severity: "ERROR" | "WARNING";
  summary: string;
  detail: string;
  attribute?: AttributePath;
}

/** What a plan, apply, read or data source call answers: a value and its diagnostics. */
export interface Result {
  value: Value;
  diagnostics: Diagnostic[];
}

/** Path steps: strings name attributes or blocks, numbers index list elements. */
export function attrPath(...steps: (string | number)[]): AttributePath {
  return {
    steps: steps.map((s) => (typeof s === "number" ? { element_key_int: s } : { attribute_name: s })),
  };
}

export function error(summary: string, detail: string, attribute?: AttributePath): Diagnostic {
  return attribute ? { severity: "ERROR", summary, detail, attribute } : { severity: "ERROR", summary, detail };
}
