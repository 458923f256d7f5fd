#!/usr/bin/env bash
# The one step of the s1check GitHub Action (action.yml beside this file), also run by the tests with a
# local release: download the release binary for this machine, check its SHA-256, run s1check check with
# GitHub annotations, append the summary to the job page, and exit with s1check's status.
#
# Environment (action.yml sets it from the inputs): S1CHECK_VERSION (required), S1CHECK_PLANS,
# S1CHECK_ARGS, S1CHECK_REPORTS, S1CHECK_SHA256, S1CHECK_REPOSITORY or S1CHECK_DOWNLOAD_URL.
set -euo pipefail

fail() { echo "::error title=s1check::$*"; exit 2; }

version="${S1CHECK_VERSION:-}"
version="${version#v}"
[ -n "$version" ] || fail "the version input is required: the s1check release to use, such as 0.3.0"
case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) arch=x86_64 ;;
  Linux/aarch64 | Linux/arm64) arch=aarch64 ;;
  *) fail "s1check releases run on Linux (x86_64 or aarch64), not on $(uname -s) $(uname -m)" ;;
esac
name="s1check-$version-linux-$arch"
url="${S1CHECK_DOWNLOAD_URL:-}"
if [ -z "$url" ]; then
  [ -n "${S1CHECK_REPOSITORY:-}" ] || fail "cannot tell which repository s1check is released from: give the repository input (OWNER/NAME)"
  url="${GITHUB_SERVER_URL:-https://github.com}/$S1CHECK_REPOSITORY/releases/download/v$version"
fi

tool="$(mktemp -d "${RUNNER_TEMP:-/tmp}/s1check.XXXXXX")"
trap 'rm -rf "$tool"' EXIT
curl --fail --silent --show-error --location --retry 3 \
  --output "$tool/$name" "$url/$name" --output "$tool/$name.sha256" "$url/$name.sha256" \
  || fail "cannot download $name (and its .sha256) from $url: is there a release $version for $arch?"
(cd "$tool" && sha256sum --check --strict --status "$name.sha256") \
  || fail "$name does not match the SHA-256 of its release ($name.sha256): not run"
if [ -n "${S1CHECK_SHA256:-}" ]; then
  actual="$(sha256sum "$tool/$name" | cut -d ' ' -f 1)"
  [ "$actual" = "$S1CHECK_SHA256" ] || fail "$name has SHA-256 $actual, not the pinned $S1CHECK_SHA256: not run"
fi
chmod +x "$tool/$name"

reports="${S1CHECK_REPORTS:-s1check-reports}"
status=0
# The plans and the extra options are lists of words.
# shellcheck disable=SC2086
"$tool/$name" check ${S1CHECK_PLANS:-Plans} ${S1CHECK_ARGS:-} --format github \
  --summary "$reports/summary.md" --junit "$reports/junit.xml" --sarif "$reports/s1check.sarif" || status=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$reports/summary.md" ]; then cat "$reports/summary.md" >> "$GITHUB_STEP_SUMMARY"; fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "exit-code=$status"; echo "junit=$reports/junit.xml"; echo "sarif=$reports/s1check.sarif"; echo "summary=$reports/summary.md"; } >> "$GITHUB_OUTPUT"
fi
exit "$status"
