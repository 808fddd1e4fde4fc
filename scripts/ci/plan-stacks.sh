#!/usr/bin/env bash
# Plans stacks synthesized in cdktf.out and writes <out-dir>/<stack>.plan.json, the
# `terraform show -json` of each plan, for `tenants plan-summary`.
# Usage: scripts/ci/plan-stacks.sh <out-dir> <stack>...
# Read-only: the plans are not applied and take no state lock (-lock=false), so a
# read-only Auth0 credential and read-only state access are enough.
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 <out-dir> <stack>..." >&2
  exit 2
fi
out=$(realpath -m "$1")
shift
terraform=${TERRAFORM_BINARY_NAME:-terraform}
mkdir -p "$out"
for stack in "$@"; do
  dir="cdktf.out/stacks/$stack"
  if [ ! -f "$dir/cdk.tf.json" ]; then
    echo "plan-stacks: $dir/cdk.tf.json not found; run 'npm run synth' first" >&2
    exit 1
  fi
  echo "::group::terraform plan $stack"
  (
    cd "$dir"
    "$terraform" init -input=false -no-color
    "$terraform" plan -input=false -no-color -lock=false -out=plan.tfplan
    "$terraform" show -json plan.tfplan >"$out/$stack.plan.json"
  )
  echo "::endgroup::"
done
