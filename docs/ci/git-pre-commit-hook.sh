#!/bin/sh
# .git/hooks/pre-commit (make it executable): applies capl-ids' preferred fixes to the staged
# CAPL files, stages the result, and stops the commit while errors remain. A file staged only
# in part is staged whole afterwards.
set -e
staged() {
  git diff --cached --name-only --diff-filter=ACMR -z -- ':(icase)*.can' ':(icase)*.cin'
}
if [ -z "$(staged | tr -d '\0')" ]; then exit 0; fi
staged | xargs -0 npx --yes capl-ids@0.1.0 check --fix --quiet
staged | xargs -0 git add --
