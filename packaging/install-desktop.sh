#!/usr/bin/env bash
# Install a built ResultsDesk bundle for the current user (no root needed):
#   ~/.local/bin/resultsdesk                                    -> symlink to the bundle's executable
#   ~/.local/share/applications/resultsdesk.desktop             (menu entry)
#   ~/.local/share/icons/hicolor/scalable/apps/resultsdesk.svg  (icon)
# The bundle stays where it is (move it first if you want it elsewhere, e.g. ~/opt/resultsdesk).
#
#   install-desktop.sh [--dry-run] [--uninstall] [BUNDLE_DIR]
# BUNDLE_DIR defaults to the folder this script is in when it is inside a bundle
# (dist/resultsdesk/install-desktop.sh), else to dist/resultsdesk beside packaging/.
# Honours XDG_DATA_HOME (default ~/.local/share); --dry-run prints what it would do.
set -euo pipefail

dry_run=0
uninstall=0
bundle=""
for arg in "$@"; do
  case "$arg" in
    --dry-run) dry_run=1 ;;
    --uninstall) uninstall=1 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "install-desktop.sh: unknown option $arg" >&2; exit 2 ;;
    *) bundle="$arg" ;;
  esac
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -z "$bundle" ]; then
  if [ -x "$here/resultsdesk" ] && [ -d "$here/_internal" ]; then
    bundle="$here"
  else
    bundle="$here/../dist/resultsdesk"
  fi
fi

data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
bin_dir="$HOME/.local/bin"
desktop_file="$data_home/applications/resultsdesk.desktop"
icon_file="$data_home/icons/hicolor/scalable/apps/resultsdesk.svg"
link="$bin_dir/resultsdesk"

run() {
  if [ "$dry_run" = 1 ]; then
    printf 'would run:'; printf ' %q' "$@"; printf '\n'
  else
    "$@"
  fi
}

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    run update-desktop-database -q "$data_home/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data_home/icons/hicolor/index.theme" ]; then
    run gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true
  fi
}

if [ "$uninstall" = 1 ]; then
  run rm -f "$desktop_file" "$icon_file"
  if [ -L "$link" ]; then run rm -f "$link"; fi
  refresh_caches
  if [ "$dry_run" = 1 ]; then echo "Dry run: nothing was removed."; exit 0; fi
  echo "ResultsDesk removed from the menu; the bundle itself was left alone."
  exit 0
fi

if [ ! -x "$bundle/resultsdesk" ] || [ ! -d "$bundle/share" ]; then
  echo "install-desktop.sh: no built bundle at $bundle (run packaging/build.sh first)" >&2
  exit 1
fi
bundle="$(cd "$bundle" && pwd)"

run mkdir -p "$bin_dir" "$(dirname "$desktop_file")" "$(dirname "$icon_file")"
run ln -sfn "$bundle/resultsdesk" "$link"
run install -m 644 "$bundle/share/icons/hicolor/scalable/apps/resultsdesk.svg" "$icon_file"
# The menu may not have ~/.local/bin on its PATH: point Exec and TryExec at the link itself.
if [ "$dry_run" = 1 ]; then
  echo "would write $desktop_file with Exec=$link"
else
  sed -e "s|^Exec=resultsdesk|Exec=$link|" -e "/^Exec=/i TryExec=$link" \
    "$bundle/share/applications/resultsdesk.desktop" > "$desktop_file"
  chmod 644 "$desktop_file"
fi
refresh_caches
if [ "$dry_run" = 1 ]; then echo "Dry run: nothing was installed."; exit 0; fi

echo "Installed: $link -> $bundle/resultsdesk"
echo "           $desktop_file"
echo "           $icon_file"
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "Note: $bin_dir is not on your PATH; the menu entry works, the 'resultsdesk' command needs it." ;;
esac
