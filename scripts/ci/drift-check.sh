#!/usr/bin/env bash
# Plans every given stack with -detailed-exitcode and reports those whose real Auth0
# objects no longer match their configuration (exit code 2), or whose plan failed.
# Usage: scripts/ci/drift-check.sh <stack>...   Exits 1 when any stack drifted or failed.
set -uo pipefail
terraform=${TERRAFORM_BINARY_NAME:-terraform}
summary=${GITHUB_STEP_SUMMARY:-/dev/stdout}
drifted=()
failed=()
for stack in "$@"; do
  dir="cdktf.out/stacks/$stack"
  (
    cd "$dir" &&
      "$terraform" init -input=false -no-color >/dev/null &&
      "$terraform" plan -input=false -no-color -lock=false -detailed-exitcode
  ) >"drift-$stack.log" 2>&1
  case $? in
    0) ;;
    2) drifted+=("$stack") ;;
    *) failed+=("$stack") ;;
  esac
done
{
  echo "### Drift check: $# stacks"
  echo
  if [ ${#drifted[@]} -eq 0 ] && [ ${#failed[@]} -eq 0 ]; then echo "No drift."; fi
  for stack in "${drifted[@]}"; do echo "- **drifted**: $stack (see drift-$stack.log)"; done
  for stack in "${failed[@]}"; do echo "- **plan failed**: $stack (see drift-$stack.log)"; done
} >>"$summary"
[ ${#drifted[@]} -eq 0 ] && [ ${#failed[@]} -eq 0 ]
