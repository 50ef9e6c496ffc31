#!/bin/sh
# scripts/with-keyring.sh <command...>
# Runs <command> inside a private D-Bus session with a fresh, unlocked gnome-keyring (README.md, "Policies in Git",
# shows the same steps for CI). XDG dirs point into a temp dir so login.keyring never lands in ~/.local/share.
# The exit status is the command's.
set -eu
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo 'with-keyring: gnome-keyring and dbus are missing — install them with: sudo apt-get install -y gnome-keyring dbus libsecret-1-dev' >&2
  exit 3
fi
KR_DIR=$(mktemp -d -t keyring-test.XXXXXX)

# The daemon usually exits with dbus-run-session, but not when the command ends within about a second
# of its start (checked: `with-keyring.sh true` left one daemon per run). Stop only the daemon of this
# run, recognised by its unique XDG_DATA_HOME, then remove the temp dir.
cleanup() {
  for proc in /proc/[0-9]*; do
    [ "$(cat "$proc/comm" 2>/dev/null)" = gnome-keyring-d ] || continue
    if tr '\0' '\n' <"$proc/environ" 2>/dev/null | grep -qxF "XDG_DATA_HOME=$KR_DIR/data"; then
      kill "${proc#/proc/}" 2>/dev/null || true
    fi
  done
  rm -rf "$KR_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export XDG_DATA_HOME="$KR_DIR/data" XDG_CACHE_HOME="$KR_DIR/cache"
mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
dbus-run-session -- sh -c 'printf %s test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@"
