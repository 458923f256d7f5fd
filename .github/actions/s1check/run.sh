#!/usr/bin/env bash
# The step of the s1check GitHub Action (action.yml beside this file), also run by the tests with a local
# release: take the release binary for this machine (from the cache folder when it still matches the
# release's SHA-256, else downloaded), check its SHA-256, run s1check check with GitHub annotations, append
# the summary to the job page, and exit with s1check's status.
#
# Environment (action.yml sets it from the inputs): S1CHECK_VERSION (required), S1CHECK_PLANS,
# S1CHECK_ARGS, S1CHECK_REPORTS, S1CHECK_SHA256, S1CHECK_REPOSITORY or S1CHECK_DOWNLOAD_URL, and
# S1CHECK_CACHE_DIR (a folder kept between runs; default, a temporary one).
set -euo pipefail

fail() { echo "::error title=s1check::$*"; exit 2; }

# The words of TEXT, one a line, split as a shell splits them: quotes keep a path with spaces one word
# ("My Plans" or 'My Plans'), and nothing is expanded. Fails on an unmatched quote.
words() { printf '%s' "$1" | xargs -r printf '%s\n'; }
plans="$(words "${S1CHECK_PLANS:-Plans}")" || fail "the plans input has an unmatched quote: ${S1CHECK_PLANS:-}"
args="$(words "${S1CHECK_ARGS:-}")" || fail "the args input has an unmatched quote: ${S1CHECK_ARGS:-}"
# The value args give --NAME (--NAME VALUE or --NAME=VALUE); fails when they do not give it.
given() {
  local next="" w
  while IFS= read -r w; do
    if [ -n "$next" ]; then printf '%s' "$w"; return 0; fi
    case "$w" in "--$1") next=1 ;; "--$1="*) printf '%s' "${w#*=}"; return 0 ;; esac
  done <<< "$args"
  [ -n "$next" ]
}

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
# A pinned digest as sha256sum prints it or as registries write it: upper case and a sha256: prefix agree.
pin="$(printf '%s' "${S1CHECK_SHA256:-}" | tr 'A-Z' 'a-z')"
pin="${pin#sha256:}"
case "$pin" in
  "") ;;
  *[!0-9a-f]*) fail "the sha256 input is not a SHA-256 (64 hex digits, optionally after sha256:): $S1CHECK_SHA256" ;;
  *) [ "${#pin}" -eq 64 ] || fail "the sha256 input is not a SHA-256 (64 hex digits, optionally after sha256:): $S1CHECK_SHA256" ;;
esac

tool="${S1CHECK_CACHE_DIR:-}"
if [ -z "$tool" ]; then
  tool="$(mktemp -d "${RUNNER_TEMP:-/tmp}/s1check.XXXXXX")"
  trap 'rm -rf "$tool"' EXIT
fi
mkdir -p "$tool"
get() { curl --fail --silent --show-error --location --retry 3 --output "$2" "$1"; }
# The release's checksum file every time (a few bytes); the binary only when the cached one does not match it.
get "$url/$name.sha256" "$tool/$name.sha256" \
  || fail "cannot download $name.sha256 from $url: is there a release $version for $arch?"
downloaded=false
if [ -f "$tool/$name" ] && (cd "$tool" && sha256sum --check --strict --status "$name.sha256"); then
  echo "s1check: $name from the cache (it matches $name.sha256)"
else
  get "$url/$name" "$tool/$name" || { rm -f "$tool/$name"; fail "cannot download $name from $url: is there a release $version for $arch?"; }
  (cd "$tool" && sha256sum --check --strict --status "$name.sha256") \
    || { rm -f "$tool/$name"; fail "$name does not match the SHA-256 of its release ($name.sha256): not run"; }
  downloaded=true
fi
if [ -n "$pin" ]; then
  actual="$(sha256sum "$tool/$name" | cut -d ' ' -f 1)"
  [ "$actual" = "$pin" ] || fail "$name has SHA-256 $actual, not the pinned $pin: not run"
fi
chmod +x "$tool/$name"

reports="${S1CHECK_REPORTS:-s1check-reports}"
command=("$tool/$name" check)
while IFS= read -r w; do [ -z "$w" ] || command+=("$w"); done <<< "$plans"
while IFS= read -r w; do [ -z "$w" ] || command+=("$w"); done <<< "$args"
# The action's own options, each unless args give it: the user's value wins, and the outputs name it.
for option in "format=github" "summary=$reports/summary.md" "junit=$reports/junit.xml" "sarif=$reports/s1check.sarif" "html=$reports/report.html"; do
  given "${option%%=*}" > /dev/null || command+=("--${option%%=*}" "${option#*=}")
done
status=0
"${command[@]}" || status=$?

summary="$(given summary || echo "$reports/summary.md")"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$summary" ]; then cat "$summary" >> "$GITHUB_STEP_SUMMARY"; fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$status"
    echo "junit=$(given junit || echo "$reports/junit.xml")"
    echo "sarif=$(given sarif || echo "$reports/s1check.sarif")"
    echo "summary=$summary"
    echo "html=$(given html || echo "$reports/report.html")"
    echo "downloaded=$downloaded"
  } >> "$GITHUB_OUTPUT"
fi
exit "$status"
