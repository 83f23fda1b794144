#!/usr/bin/env bash
# Start ResultsDesk under X, time until its main window is on screen, take a screenshot, stop it.
# Meant to run inside a virtual X server:
#   xvfb-run -a -s "-screen 0 1600x1000x24" packaging/check-gui.sh [--shot FILE] [--wait S] \
#       [--timeout S] -- dist/resultsdesk/resultsdesk demo
# The app runs with a throw-away XDG_CONFIG_HOME whose QSettings already name a desk user
# ($XDG_CONFIG_HOME/ResultsDesk/ResultsDesk.conf, [desk] user=packaging-test), so no first-start
# prompt, and a throw-away XDG_DATA_HOME and XDG_CACHE_HOME (the charts' text memory is kept in
# the cache): your own settings, data and cache are not touched.
# Prints "window-seconds=N.NN" and exits 0 when the main window ("... — ResultsDesk") appeared.
# Finds the window with xdotool, else xwininfo; screenshots with ImageMagick's import.
set -euo pipefail

shot=""
wait_s=4
timeout_s=60
while [ $# -gt 0 ]; do
  case "$1" in
    --shot) shot="$2"; shift 2 ;;
    --wait) wait_s="$2"; shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: check-gui.sh [--shot FILE] [--wait S] [--timeout S] -- COMMAND..." >&2; exit 2; }
[ -n "${DISPLAY:-}" ] || { echo "check-gui.sh: no DISPLAY; run it under xvfb-run -a" >&2; exit 2; }

scratch="$(mktemp -d)"
mkdir -p "$scratch/config/ResultsDesk" "$scratch/data" "$scratch/cache"
printf '[desk]\nuser=packaging-test\n' > "$scratch/config/ResultsDesk/ResultsDesk.conf"

find_window() {
  if command -v xdotool >/dev/null 2>&1; then
    xdotool search --onlyvisible --name ' — ResultsDesk$' 2>/dev/null | head -n 1
  else
    xwininfo -root -tree 2>/dev/null | grep -- ' — ResultsDesk"' | awk '{print $1}' | head -n 1
  fi
}

# The display answering before the app starts: should xvfb-run hand over while its server
# is not yet taking connections (the likely cause of one loaded test run's failure, the app
# aborting with "could not connect to display :100"), that is the server's start-up, not the app's.
if command -v xdpyinfo >/dev/null 2>&1; then
  answered=$(( $(date +%s) + timeout_s ))
  until xdpyinfo >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$answered" ]; then
      echo "check-gui.sh: the display $DISPLAY does not answer after ${timeout_s}s" >&2
      exit 1
    fi
    sleep 0.05
  done
fi

start=$(date +%s%N)
XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache" \
  QT_QPA_PLATFORM=xcb \
  "$@" >"$scratch/app.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

window=""
deadline=$(( $(date +%s) + timeout_s ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  window="$(find_window || true)"
  [ -n "$window" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "check-gui.sh: the app exited before showing its window; its output:" >&2
    cat "$scratch/app.log" >&2
    exit 1
  fi
  sleep 0.05
done
end=$(date +%s%N)
if [ -z "$window" ]; then
  echo "check-gui.sh: no ResultsDesk window after ${timeout_s}s; the app's output:" >&2
  cat "$scratch/app.log" >&2
  exit 1
fi
elapsed=$(( (end - start) / 1000000 ))
printf 'window-seconds=%d.%03d\n' $(( elapsed / 1000 )) $(( elapsed % 1000 ))
if command -v xdotool >/dev/null 2>&1; then
  echo "window-title=$(xdotool getwindowname "$window")"
fi

sleep "$wait_s"  # let the charts draw
if ! kill -0 "$pid" 2>/dev/null; then
  echo "check-gui.sh: the app exited while its window was up; its output:" >&2
  cat "$scratch/app.log" >&2
  exit 1
fi
if [ -n "$shot" ]; then
  if command -v import >/dev/null 2>&1; then
    import -window root "$shot"
    echo "screenshot=$shot"
  else
    echo "check-gui.sh: ImageMagick's import is not installed; no screenshot" >&2
  fi
fi
