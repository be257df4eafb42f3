#!/usr/bin/env bash
# Checks a built dist/tp1-linux-<arch> the way a student's VM would run it: inside a
# mount namespace where deno and node are hidden (empty files bound over them), with
# an empty HOME, the file copied elsewhere and started by its path. Exit 0 when every
# check passes, 1 when one fails, 3 when the checks cannot run on this machine
# (no unshare, no qemu for a foreign target): the caller decides whether that is fatal.
#
#   bash scripts/verify_dist.sh                        dist/tp1-linux-x86_64
#   bash scripts/verify_dist.sh dist/tp1-linux-aarch64 under qemu-user, via binfmt_misc
#                                                      registered in a private user namespace
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

if [ "${TP1_VERIFY_INSIDE:-}" != 1 ]; then
  artifact=$(realpath "${1:-$root/dist/tp1-linux-x86_64}")
  [ -f "$artifact" ] || { echo "verify_dist: no $artifact; run deno task dist first" >&2; exit 1; }
  arch=${artifact##*-}
  unshare_args=(--mount --propagation private)
  if [ "$arch" != "$(uname -m)" ]; then
    qemu=$(command -v "qemu-$arch-static" || true)
    libs=/usr/$arch-linux-gnu
    if [ -z "$qemu" ] || [ ! -e "$libs/lib/ld-linux-$arch.so.1" ]; then
      echo "verify_dist: cannot run $arch here: needs qemu-user-static and libc6-arm64-cross" >&2
      exit 3
    fi
    # A user namespace gets its own binfmt_misc (Linux 6.7+): the machine's stays untouched.
    unshare_args=(--user --map-root-user "${unshare_args[@]}")
    export TP1_VERIFY_QEMU=$qemu QEMU_LD_PREFIX=$libs
  fi
  if ! unshare "${unshare_args[@]}" true 2>/dev/null; then
    echo "verify_dist: cannot create a mount namespace (unshare ${unshare_args[*]}) here" >&2
    exit 3
  fi
  work=$(mktemp -d /tmp/tp1-verify-dist.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  version=$(sed -nE 's/^ *"version": *"([^"]+)".*/\1/p' "$root/deno.json" | head -n 1)
  TP1_VERIFY_INSIDE=1 TP1_VERIFY_ARTIFACT=$artifact TP1_VERIFY_WORK=$work \
    TP1_VERIFY_VERSION=$version unshare "${unshare_args[@]}" bash "$0"
  exit $?
fi

# ---- inside the namespace ----------------------------------------------------------
work=$TP1_VERIFY_WORK
arch=${TP1_VERIFY_ARTIFACT##*-}
passed=0
failed=0
ok() {
  passed=$((passed + 1))
  echo "verify_dist: ok   - $1"
}
bad() {
  failed=$((failed + 1))
  echo "verify_dist: FAIL - $1"
  [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /'
  return 0
}
# Polls "$@" for up to $1 seconds; true once it succeeds.
wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.1
  done
}
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
now_ms() { date +%s%3N; }

if [ -n "${TP1_VERIFY_QEMU:-}" ]; then
  mkdir -p "$work/binfmt"
  mount -t binfmt_misc binfmt_misc "$work/binfmt" || { echo "verify_dist: no binfmt_misc" >&2; exit 3; }
  printf '%s' ':qemu-aarch64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:'"$TP1_VERIFY_QEMU"':F' \
    >"$work/binfmt/register" || { echo "verify_dist: cannot register qemu" >&2; exit 3; }
fi

# Hide every deno and node: each one on PATH, where its links lead, and npm's packages.
: >"$work/empty"
chmod 644 "$work/empty"
mkdir -p "$work/emptydir"
hidden=()
declare -A seen=()
for name in deno node nodejs; do
  IFS=: read -ra dirs <<<"$PATH"
  for dir in "${dirs[@]}" "$HOME/.deno/bin"; do
    for f in "$dir/$name" "$(realpath -q "$dir/$name" || true)"; do
      [ -f "$f" ] && [ -z "${seen[$f]:-}" ] || continue
      seen[$f]=1
      if mount --bind "$work/empty" "$f" 2>/dev/null; then hidden+=("$f"); fi
    done
  done
done
for d in /usr/lib/node_modules /usr/local/lib/node_modules "$HOME/.deno"; do
  if [ -d "$d" ] && mount --bind "$work/emptydir" "$d" 2>/dev/null; then hidden+=("$d"); fi
done
if deno --version >/dev/null 2>&1 || node --version >/dev/null 2>&1; then
  bad "deno and node hidden" "still runnable: $(command -v deno node)"
else
  ok "deno and node hidden (${hidden[*]})"
fi

# The user's view: an empty home, the file copied in and made executable.
export HOME=$work/home TMPDIR=$work/tmp
unset XDG_CACHE_HOME TP1_CACHE_DIR DENO_DIR
mkdir -p "$HOME" "$TMPDIR" "$work/bin"
cp "$TP1_VERIFY_ARTIFACT" "$work/bin/tp1"
chmod +x "$work/bin/tp1"
tp1=$work/bin/tp1
cd "$HOME" || exit 1

t0=$(now_ms)
out=$("$tp1" --help 2>&1)
status=$?
t1=$(now_ms)
if [ "$status" -eq 0 ] && grep -q "^Usage: tp1 " <<<"$out"; then
  ok "first run: --help (unpacked in $((t1 - t0)) ms)"
else
  bad "first run: --help exit $status" "$out"
fi
entries=$(ls -A "$HOME/.cache/tp1" 2>/dev/null)
if [ "$(wc -l <<<"$entries")" -eq 1 ] && [ -x "$HOME/.cache/tp1/$entries/tp1" ]; then
  ok "cache entry $HOME/.cache/tp1/$entries"
else
  bad "one cache entry in \$HOME/.cache/tp1" "$entries"
fi
t0=$(now_ms)
out=$("$tp1" --version 2>&1)
t1=$(now_ms)
if [ "$out" = "tp1 $TP1_VERIFY_VERSION" ]; then
  ok "later run: --version prints tp1 $TP1_VERIFY_VERSION ($((t1 - t0)) ms)"
else
  bad "--version" "$out"
fi
out=$("$tp1" --no-such-flag 2>&1)
status=$?
if [ "$status" -eq 2 ] && grep -q 'unknown option "--no-such-flag"' <<<"$out"; then
  ok "bad flag: exit 2"
else
  bad "bad flag: exit $status, wanted 2" "$out"
fi

# 20 MiB piped between two copies, byte for byte.
head -c $((20 * 1024 * 1024)) /dev/urandom >"$work/in.bin"
port=$(free_port)
"$tp1" serve -p "$port" >"$work/out.bin" 2>"$work/serve.err" &
server=$!
t0=$(now_ms)
"$tp1" connect 127.0.0.1 "$port" --wait=60 <"$work/in.bin" >/dev/null 2>"$work/connect.err"
cstatus=$?
wait "$server"
sstatus=$?
t1=$(now_ms)
if [ "$cstatus" -eq 0 ] && [ "$sstatus" -eq 0 ] && cmp -s "$work/in.bin" "$work/out.bin"; then
  ok "20 MiB piped serve <- connect, byte-exact ($((t1 - t0)) ms)"
else
  bad "20 MiB transfer: connect exit $cstatus, serve exit $sstatus, $(stat -c %s "$work/out.bin") bytes" \
    "$(cat "$work/serve.err" "$work/connect.err")"
fi

# tp1 port: names the tp1 holding a port, then says it is free.
port=$(free_port)
"$tp1" serve -k -p "$port" </dev/null >/dev/null 2>&1 &
server=$!
if wait_for 60 bash -c "'$tp1' port $port | grep -q LISTEN"; then
  out=$("$tp1" port "$port" 2>&1)
  if grep -qE "LISTEN .* $server +tp1 " <<<"$out"; then
    ok "tp1 port $port names pid $server, command tp1"
  else
    bad "tp1 port names the server (pid $server)" "$out"
  fi
else
  bad "tp1 port sees the server listening" "$("$tp1" port "$port" 2>&1)"
fi
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null
# Other programs on this machine may leave TIME_WAIT rows on the port: only LISTEN counts.
out=$("$tp1" port "$port" 2>&1)
if ! grep -q "LISTEN" <<<"$out" && grep -qiE "free|TIME_WAIT" <<<"$out"; then
  ok "tp1 port $port: no listener once the server stops"
else
  bad "tp1 port: no listener once the server stops" "$out"
fi

# An interactive exchange on terminals (tmux panes).
port=$(free_port)
tm=(tmux -L "dist-verify-$$" -f /dev/null)
export TMUX_TMPDIR=$work
"${tm[@]}" new-session -d -s v -x 150 -y 20 "'$tp1' serve -p $port"
"${tm[@]}" split-window -t v "'$tp1' connect 127.0.0.1 $port --wait=60"
pane() { "${tm[@]}" capture-pane -p -t "v.$1"; }
has() { pane "$1" | grep -qF "$2"; }
if wait_for 90 has 1 "client@" && "${tm[@]}" send-keys -t v.1 "bonjour depuis le client" Enter &&
  wait_for 30 has 0 ": bonjour depuis le client" && "${tm[@]}" send-keys -t v.0 "oui !" Enter &&
  wait_for 30 has 1 "from server: oui !"; then
  ok "interactive: client and server chat in terminals"
else
  bad "interactive exchange" "server pane:
$(pane 0)
client pane:
$(pane 1)"
fi
"${tm[@]}" kill-server 2>/dev/null

# Two first runs at once: one entry, no leftovers, both run.
export TP1_CACHE_DIR=$work/race
"$tp1" --version >"$work/r1" 2>&1 &
r1=$!
"$tp1" --version >"$work/r2" 2>&1 &
r2=$!
wait "$r1"
s1=$?
wait "$r2"
s2=$?
left=$(ls -A "$work/race")
if [ "$s1" -eq 0 ] && [ "$s2" -eq 0 ] && [ "$(wc -l <<<"$left")" -eq 1 ]; then
  ok "two first runs at once: both start, one cache entry"
else
  bad "two first runs at once: exits $s1 $s2" "$left
$(cat "$work/r1" "$work/r2")"
fi
unset TP1_CACHE_DIR

# A read-only home: falls back to the per-user directory under TMPDIR.
mkdir -p "$work/rohome" "$work/tmp2"
mount -t tmpfs -o ro tmpfs "$work/rohome"
out=$(HOME=$work/rohome TMPDIR=$work/tmp2 "$tp1" --version 2>&1)
if [ "$out" = "tp1 $TP1_VERIFY_VERSION" ] && [ -d "$work/tmp2/tp1-$(id -u)" ]; then
  ok "read-only HOME: unpacked in \$TMPDIR/tp1-$(id -u)"
else
  bad "read-only HOME falls back to TMPDIR" "$out"
fi
# Nowhere usable: one clear error naming what was tried.
mkdir -p "$work/noexec"
mount -t tmpfs -o noexec tmpfs "$work/noexec"
out=$(HOME=$work/rohome XDG_CACHE_HOME=$work/noexec TMPDIR=$work/noexec "$tp1" --version 2>&1)
status=$?
if [ "$status" -eq 1 ] && grep -q "read-only" <<<"$out" && grep -q "noexec" <<<"$out" &&
  grep -q "TP1_CACHE_DIR" <<<"$out"; then
  ok "read-only HOME and noexec TMPDIR: exit 1, says what it tried"
else
  bad "nowhere to unpack: exit $status" "$out"
fi

# A truncated copy is refused, not half-run.
head -c -4096 "$tp1" >"$work/bin/tp1-cut"
chmod +x "$work/bin/tp1-cut"
out=$(TP1_CACHE_DIR=$work/cut "$work/bin/tp1-cut" --version 2>&1)
status=$?
if [ "$status" -eq 1 ] && grep -q "damaged" <<<"$out"; then
  ok "truncated copy: exit 1, says it is damaged"
else
  bad "truncated copy: exit $status" "$out"
fi

if [ "$failed" -eq 0 ]; then
  echo "verify_dist: $arch: all $passed checks ok"
  exit 0
fi
echo "verify_dist: $arch: $failed of $((passed + failed)) checks FAILED"
exit 1
