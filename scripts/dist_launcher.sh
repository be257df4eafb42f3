#!/bin/sh
# tp1 @VERSION@ for Linux @ARCH@ (glibc 2.27 or later: Ubuntu 18.04 and later).
# This file is a short sh launcher followed by a gzip'd tar of the official Deno
# @DENO_VERSION@ runtime and tp1's bundled code. The first run checks the payload's
# SHA-256 and unpacks it (about @UNPACKED_MB@ MB) into a per-user cache named after that
# hash; later runs start the unpacked runtime at once. Built by `deno task dist`.
# Cache, in order: $TP1_CACHE_DIR (only that one if set), $XDG_CACHE_HOME/tp1,
# $HOME/.cache/tp1, ${TMPDIR:-/tmp}/tp1-<uid>. Delete it to reclaim the space.
key=@KEY@
sha256=@SHA256@
offset=@OFFSET@
# Paths in the lists below are separated by newlines only, so they may hold spaces;
# no globbing, so they may hold * too.
IFS='
'
set -f

# Starts the runtime in "$1" (an unpacked cache entry) with tp1's arguments.
start() {
  d=$1
  shift
  # Deno's own cache sits beside the runtime; the user's deno.json, package.json,
  # lock file and update check are never consulted. A chunk of the bundle is read when
  # it is first imported, not all of them before tp1 starts (start-up: a piped connect
  # reads a third of them); --quiet keeps Deno from drawing, and erasing, a progress
  # line on stderr while one loads, which would wipe the chat prompt.
  DENO_DIR=$d/deno_dir DENO_NO_UPDATE_CHECK=1 DENO_NO_PACKAGE_JSON=1 DENO_NO_PROMPT=1
  export DENO_DIR DENO_NO_UPDATE_CHECK DENO_NO_PACKAGE_JSON DENO_NO_PROMPT
  exec "$d/tp1" run --quiet --unstable-lazy-dynamic-imports --allow-all --v8-flags=@V8_FLAGS@ \
    --no-config --no-lock --no-remote --no-npm "$d/app/main.js" "$@"
}

# A base is trusted if it is ours: the /tmp one could have been made by someone else.
ours() {
  [ -d "$1" ] && [ ! -L "$1" ] && [ -O "$1" ]
}

if [ -n "${TP1_CACHE_DIR:-}" ]; then
  bases=$TP1_CACHE_DIR
else
  bases="${XDG_CACHE_HOME:+$XDG_CACHE_HOME/tp1}
${HOME:+$HOME/.cache/tp1}"
fi

# Later runs: the first cache entry that is already unpacked.
for b in $bases; do
  [ -x "$b/$key/tp1" ] && start "$b/$key" "$@"
done
if [ -z "${TP1_CACHE_DIR:-}" ]; then
  tmpbase=${TMPDIR:-/tmp}/tp1-$(id -u)
  ours "$tmpbase" && [ -x "$tmpbase/$key/tp1" ] && start "$tmpbase/$key" "$@"
  bases="$bases
$tmpbase"
fi

# First run: check the payload, then unpack into the first base that works.
fail() {
  printf 'tp1: %s\n' "$1" >&2
  exit 1
}
self=$0
[ -f "$self" ] && [ -r "$self" ] ||
  fail "cannot read this file ($0) to unpack tp1's runtime; run it by its path, e.g. ./tp1"
if command -v sha256sum >/dev/null 2>&1; then
  got=$(tail -c +"$offset" "$self" | sha256sum)
  got=${got%% *}
  [ "$got" = "$sha256" ] ||
    fail "this file is damaged (an incomplete copy?): its payload's SHA-256 is $got, not $sha256; copy tp1 again"
fi

tried=""
# Notes why base "$1" could not be used: "$2".
skip() {
  tried="$tried
  $1: $2"
}
for b in $bases; do
  if ! mkdir -p -m 700 "$b" 2>/dev/null; then
    skip "$b" "cannot create it (read-only, or no permission)"
    continue
  fi
  if ! ours "$b"; then
    skip "$b" "it belongs to another user"
    continue
  fi
  if ! tmp=$(mktemp -d "$b/.unpack-XXXXXX" 2>/dev/null); then
    skip "$b" "cannot write there (read-only file system?)"
    continue
  fi
  trap 'rm -rf "$tmp"; exit 130' INT TERM HUP
  # A noexec mount is found before unpacking ~@UNPACKED_MB@ MB there for nothing.
  printf '#!/bin/sh\nexit 0\n' >"$tmp/probe" && chmod 700 "$tmp/probe"
  if ! "$tmp/probe" 2>/dev/null; then
    rm -rf "$tmp"
    skip "$b" "programs may not run from there (mounted noexec?)"
    continue
  fi
  rm -f "$tmp/probe"
  if ! err=$({ tail -c +"$offset" "$self" | gzip -dc | tar -xf - -C "$tmp"; } 2>&1); then
    rm -rf "$tmp"
    skip "$b" "unpacking failed (tp1 needs about @UNPACKED_MB@ MB free): $(printf '%s' "$err" | tail -n 1)"
    continue
  fi
  err=$("$tmp/tp1" --version 2>&1)
  status=$?
  if [ "$status" -ne 0 ]; then
    rm -rf "$tmp"
    if [ "$status" -eq 126 ]; then
      skip "$b" "programs may not run from there (mounted noexec?)"
      continue
    fi
    machine=$(uname -m)
    case $machine in
      @ARCH@) ;;
      *) fail "this file is tp1 for @ARCH@ but this machine is $machine: copy tp1-linux-$machine instead" ;;
    esac
    fail "tp1's Deno runtime does not start here (it needs glibc 2.27 or later, Ubuntu 18.04+): $(printf '%s' "$err" | tail -n 1)"
  fi
  # Atomic: the entry appears whole or not at all; when two first runs race, one
  # rename wins and the other uses the winner's entry.
  if ! mv -T "$tmp" "$b/$key" 2>/dev/null; then
    rm -rf "$tmp"
    if [ ! -x "$b/$key/tp1" ]; then
      skip "$b" "cannot finish unpacking (rename into $b/$key failed)"
      continue
    fi
  fi
  trap - INT TERM HUP
  start "$b/$key" "$@"
done
fail "found nowhere to unpack its runtime (about @UNPACKED_MB@ MB, must allow running programs); tried:$tried
Set TP1_CACHE_DIR to a writable directory where programs may run, e.g. TP1_CACHE_DIR=/var/tmp/tp1-\$USER ./tp1"
