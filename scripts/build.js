#!/usr/bin/env node
// `npm run build`: `tsc -b <project>` through TypeScript's solution builder, saying so when it
// actually compiles (a fresh clone takes most of a minute; up to date it takes 0.2 s and
// prints nothing). Errors are printed as tsc prints them; exit 1 on any.
"use strict";
const ts = require("typescript");

/** TypeScript's diagnostic "Building project '{0}'...": stable across versions, reported in verbose mode. */
const BUILDING_PROJECT = 6358;
const project = process.argv[2] || "tsconfig.build.json";
const started = Date.now();
let compiling = false;

const formatHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: ts.sys.getCurrentDirectory, getNewLine: () => ts.sys.newLine };
const reportDiagnostic = (diagnostic) =>
  process.stderr.write(process.stderr.isTTY ? ts.formatDiagnosticsWithColorAndContext([diagnostic], formatHost) : ts.formatDiagnostic(diagnostic, formatHost));
const reportStatus = (diagnostic) => {
  if (diagnostic.code !== BUILDING_PROJECT || compiling) return;
  compiling = true;
  process.stderr.write(`Compiling the TypeScript sources (tsc -b ${project})…\n`);
};

const host = ts.createSolutionBuilderHost(ts.sys, undefined, reportDiagnostic, reportStatus);
const status = ts.createSolutionBuilder(host, [project], { verbose: true }).build();
if (compiling && status === ts.ExitStatus.Success) process.stderr.write(`Compiled in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
process.exitCode = status === ts.ExitStatus.Success ? 0 : 1;
