/**
 * CDKTF records a full stack trace for every token it creates (every reference such as
 * `organization.id`), only to show it should that token later fail to resolve. For a fleet
 * of 1,000 tenants that is over 100,000 traces: about half of synth's time and most of its
 * memory (README, "Performance"). While `build` runs, those captures, recognised by the
 * unlimited trace depth CDKTF asks for, are skipped; ordinary errors keep their stacks.
 * Set CDKTF_TOKEN_STACK_TRACES=1 to keep them when debugging a token that fails to resolve.
 */
export function withoutTokenStackTraces<T>(build: () => T, env: NodeJS.ProcessEnv = process.env): T {
  if (env.CDKTF_TOKEN_STACK_TRACES) return build();
  const capture = Error.captureStackTrace;
  Error.captureStackTrace = (target: object, constructorOpt?: Function) => {
    if (Error.stackTraceLimit !== Number.MAX_SAFE_INTEGER) capture(target, constructorOpt);
  };
  try {
    return build();
  } finally {
    Error.captureStackTrace = capture;
  }
}
