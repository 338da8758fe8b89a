#!/usr/bin/env bash
# agreement-diff for a pull request: the script behind action.yml, usable on its own in any CI.
#
# Compares every agreement the pull request adds, modifies or renames with its version at the base, through
# `agreement-diff REV:PATH PATH`, and lists the agreements it deletes. Acknowledgements are read from the base
# commit, never from the pull request (a pull request cannot approve itself). Produces:
#   - annotations (`--format github`) on standard output;
#   - one Markdown comment body, headed by the marker line below and kept under GitHub's size limit, written to
#     $AGREEMENT_DIFF_COMMENT_FILE and, when asked, posted as one sticky comment (updated on every run);
#   - the full report, appended to $GITHUB_STEP_SUMMARY when set;
#   - the exit status: 0 nothing at or above fail-on, 1 an agreement trips fail-on, 2 trouble.
#
# Run from inside the repository, with the pull request's head checked out (the working tree is compared).
# Environment (all optional but the base):
#   AGREEMENT_DIFF_BASE         the base commit (the pull request's base SHA)
#   AGREEMENT_DIFF_FAIL_ON      commercial (default), substantive, clarification, administrative, or none
#   AGREEMENT_DIFF_PATHS        globs of agreement files, separated by spaces or newlines (default agreements/**)
#   AGREEMENT_DIFF_COMMENT      true (default) or false: post or update the pull request comment
#   AGREEMENT_DIFF_PR           the pull request number (no comment without one)
#   AGREEMENT_DIFF_COMMENT_FILE where to write the comment body (default: a temporary file)
#   GITHUB_REPOSITORY, GH_TOKEN for `gh api`; GITHUB_STEP_SUMMARY, GITHUB_OUTPUT as set by GitHub Actions;
#   GITHUB_SERVER_URL, GITHUB_RUN_ID for a link to the job summary.
# Backticks in single quotes below are Markdown code spans, not command substitutions:
# shellcheck disable=SC2016
set -Eeuo pipefail
# Any unexpected failure is trouble (exit 2), never a status that could read as a verdict.
trap 'printf "agreement-diff: unexpected failure (status %s) at line %s\n" "$?" "$LINENO" >&2; exit 2' ERR

readonly MARKER='<!-- agreement-diff -->'
readonly COMMENT_LIMIT=65536       # GitHub's limit on a comment body, in characters (we count bytes: never more)
readonly SUMMARY_LIMIT=1000000     # GitHub's limit on a step summary is 1 MiB
readonly LEVELS='commercial substantive clarification administrative'

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# --- Output helpers -------------------------------------------------------------------------------------------

# A path or message made safe for a log line: no control characters, and no `::` or `##[` that the runner could
# take for a workflow command.
shown() {
  printf '%s' "$1" | LC_ALL=C tr '[:cntrl:]' '?' | sed -e 's/::/:\\:/g' -e 's/##\[/#\\#[/g'
}

log() {
  printf 'agreement-diff: %s\n' "$*" >&2
}

# A message for a workflow command (`::error::MESSAGE`): `%`, CR and LF escaped as the runner expects.
command_data() {
  local s="$1"
  s="${s//'%'/%25}"
  s="${s//$'\r'/%0D}"
  s="${s//$'\n'/%0A}"
  printf '%s' "$s"
}

# Trouble that stops the run before any report: an error annotation and exit 2.
die() {
  printf '::error title=agreement-diff::%s\n' "$(command_data "$(shown "$1")")"
  exit 2
}

# A path as a Markdown code span: inert (no HTML, links, mentions or emphasis); a backtick or a control
# character in the name is shown as `?`.
md_path() {
  printf '`%s`' "$(printf '%s' "$1" | LC_ALL=C tr '`[:cntrl:]' '?')"
}

# Text as an indented code block: literal whatever it holds (nothing to close, unlike a fence).
md_code_block() {
  printf '\n'
  sed -e 's/^/    /' "$1" | LC_ALL=C tr -d '\r'
  printf '\n'
}

# --- Inputs ---------------------------------------------------------------------------------------------------

if [ "${BASH_VERSINFO[0]}" -lt 4 ] || { [ "${BASH_VERSINFO[0]}" -eq 4 ] && [ "${BASH_VERSINFO[1]}" -lt 4 ]; }; then
  die "bash 4.4 or later is needed (this is $BASH_VERSION)"
fi
command -v agreement-diff >/dev/null || die "agreement-diff is not on PATH"
fail_on="${AGREEMENT_DIFF_FAIL_ON:-commercial}"
case " $LEVELS none " in
  *" $fail_on "*) ;;
  *) die "fail-on must be one of: $LEVELS, none (got '$fail_on')" ;;
esac
comment="${AGREEMENT_DIFF_COMMENT:-true}"
case "$comment" in
  true | false) ;;
  *) die "comment must be true or false (got '$comment')" ;;
esac
pr="${AGREEMENT_DIFF_PR:-}"
case "$pr" in
  '' | *[!0-9]*) [ -z "$pr" ] || die "the pull request number must be a number (got '$pr')" ;;
esac
comment_file="${AGREEMENT_DIFF_COMMENT_FILE:-$tmp/comment.md}"
read -r -a globs <<<"$(printf '%s' "${AGREEMENT_DIFF_PATHS:-agreements/**}" | tr '\n' ' ')"
[ "${#globs[@]}" -gt 0 ] || die "paths names no glob"
pathspecs=()
for g in "${globs[@]}"; do
  pathspecs+=(":(glob)$g")
done

top="$(git rev-parse --show-toplevel)" || die "not inside a git repository"
cd "$top"
base_arg="${AGREEMENT_DIFF_BASE:-}"
[ -n "$base_arg" ] || die "no base commit: give the input base (the pull request's base SHA is the default)"
base="$(git rev-parse --verify --quiet --end-of-options "$base_arg^{commit}")" ||
  die "the base commit $base_arg is not in this clone: check out with fetch-depth: 0"
head_commit="$(git rev-parse --verify 'HEAD^{commit}')"
# What the pull request changes is measured from where it left the base: the base itself when the merge commit
# is checked out, the fork point when the pull request's head is.
from="$(git merge-base "$base" "$head_commit")" ||
  die "the base commit $base_arg and HEAD have no common history: check out with fetch-depth: 0"
version="$(agreement-diff --version)"
log "$version; comparing $(shown "${from:0:12}") with $(shown "${head_commit:0:12}") (fail-on: $fail_on)"

fail_flags=()
[ "$fail_on" = none ] || fail_flags=(--fail-on "$fail_on")

# --- Which files are agreements -------------------------------------------------------------------------------

# An agreement file: .yaml, .yml or .md, and neither hidden nor in a hidden folder (as directory mode reads them;
# this also leaves out .agreement-diff.yaml).
is_agreement() {
  case "/$1" in
    */.*) return 1 ;;
  esac
  case "$1" in
    *.yaml | *.yml | *.md) return 0 ;;
  esac
  return 1
}

# A working-tree path as an argument: `./` keeps a name with a colon a file (not REV:PATH) and one starting
# with `-` an argument.
file_arg() {
  case "$1" in
    *:* | -*) printf './%s' "$1" ;;
    *) printf '%s' "$1" ;;
  esac
}

# One top-level scalar of an agreement (`agreement`, `version`, `previous`, `effective`), as written in the
# block style of docs/format.md: quotes and a trailing comment removed. Empty when absent.
top_scalar() {
  awk -v key="$1" -v q="'" '
    { sub(/\r$/, "") }
    index($0, key ":") == 1 {
      v = substr($0, length(key) + 2)
      sub(/^[ \t]+/, "", v); sub(/[ \t]+#.*$/, "", v); sub(/[ \t]+$/, "", v)
      first = substr(v, 1, 1)
      if (length(v) >= 2 && (first == "\"" || first == q) && substr(v, length(v), 1) == first) {
        v = substr(v, 2, length(v) - 2)
      }
      print v
      exit
    }'
}

# --- Acknowledgements, from the base commit only --------------------------------------------------------------

# The flags that give agreement-diff the acknowledgements for an agreement at NEW_PATH: .agreement-diff.yaml
# beside it, else at the repository root, as the tool itself looks for them, but read from the base commit.
# Sets the array ack_flags and ack_source (a description for the report).
ack_flags=()
ack_source=''
acks_for() {
  local dir candidate out
  dir="$(dirname "$1")"
  for candidate in "$dir/.agreement-diff.yaml" ".agreement-diff.yaml"; do
    candidate="${candidate#./}"
    if git cat-file -e "$base:$candidate" 2>/dev/null; then
      out="$tmp/acks/$candidate"
      if [ ! -f "$out" ]; then
        mkdir -p "$(dirname "$out")"
        git cat-file blob "$base:$candidate" >"$out"
      fi
      ack_flags=(--config "$out")
      ack_source="$candidate"
      return
    fi
  done
  ack_flags=(--no-config)
  ack_source=''
}

# --- What the pull request changes ----------------------------------------------------------------------------

git diff -z --no-ext-diff --no-textconv --name-status -M "$from" "$head_commit" -- "${pathspecs[@]}" >"$tmp/changes"

kinds=() olds=() news=()
deleted=()
while IFS= read -r -d '' code; do
  case "$code" in
    R* | C*)
      IFS= read -r -d '' old
      IFS= read -r -d '' new
      ;;
    *)
      IFS= read -r -d '' old
      new="$old"
      ;;
  esac
  case "$code" in
    A | C*) kind=added old='' ;;
    M | T) kind=modified ;;
    R*) kind=renamed ;;
    D) kind=deleted ;;
    *)
      log "skipped $(shown "$new") (git status $(shown "$code"))"
      continue
      ;;
  esac
  if [ "$kind" = deleted ]; then
    if is_agreement "$old"; then
      deleted+=("$old")
    fi
  elif is_agreement "$new"; then
    kinds+=("$kind")
    olds+=("$old")
    news+=("$new")
  fi
done <"$tmp/changes"

# An added file may be a new version of an agreement the base already holds (one file per version, as
# agreements/microsoft-openai/ is kept), or a file renamed and rewritten beyond git's rename detection. Such a file
# is compared with its predecessor: the base file of the same agreement id whose version the new file names as
# `previous`, else the one of that id with the latest `effective` date. Only a file with no predecessor is new.
base_paths=() base_ids=() base_versions=() base_dates=()
indexed=''
index_base() {
  local p empty_tree
  [ -z "$indexed" ] || return 0
  indexed=yes
  # Every file under the globs at the base: its difference from the empty tree (ls-tree knows no glob magic).
  empty_tree="$(git hash-object -t tree /dev/null)"
  git diff -z --no-renames --name-only "$empty_tree" "$from" -- "${pathspecs[@]}" >"$tmp/base-files"
  while IFS= read -r -d '' p; do
    is_agreement "$p" || continue
    git cat-file blob "$from:$p" >"$tmp/base-file"
    base_paths+=("$p")
    base_ids+=("$(top_scalar agreement <"$tmp/base-file")")
    base_versions+=("$(top_scalar version <"$tmp/base-file")")
    base_dates+=("$(top_scalar effective <"$tmp/base-file")")
  done <"$tmp/base-files"
}

predecessor() {
  local id previous best='' best_date='' i
  id="$(top_scalar agreement <"$1")"
  previous="$(top_scalar previous <"$1")"
  if [ -z "$id" ]; then
    # An amendment (docs/amendments.md) is compared with the version it amends: agreement-diff consolidates it.
    id="$(top_scalar amends <"$1")"
    previous="$(top_scalar base-version <"$1")"
  fi
  [ -n "$id" ] || return 0
  for i in "${!base_paths[@]}"; do
    [ "${base_ids[$i]}" = "$id" ] || continue
    if [ -n "$previous" ] && [ "${base_versions[$i]}" = "$previous" ]; then
      printf '%s' "${base_paths[$i]}"
      return 0
    fi
    if [ -z "$best" ] || [[ "${base_dates[$i]}" > "$best_date" ]]; then
      best="${base_paths[$i]}"
      best_date="${base_dates[$i]}"
    fi
  done
  printf '%s' "$best"
}

for i in "${!kinds[@]}"; do
  [ "${kinds[$i]}" = added ] || continue
  index_base
  [ -f "${news[$i]}" ] || continue
  pred="$(predecessor "${news[$i]}")"
  if [ -n "$pred" ]; then
    kinds[i]=version
    olds[i]="$pred"
  fi
done

# A deleted file that an added one continues is reported with it, not as removed.
removed=()
for d in ${deleted[@]+"${deleted[@]}"}; do
  continued=''
  for i in "${!kinds[@]}"; do
    if [ "${kinds[$i]}" = version ] && [ "${olds[$i]}" = "$d" ]; then
      continued=yes
    fi
  done
  [ -n "$continued" ] || removed+=("$d")
done

# --- Compare --------------------------------------------------------------------------------------------------

# Each report section goes to a file, with a priority (0 trouble, 1 trips fail-on, 2 compared, 3 new, 4 removed)
# so that the comment shows what matters first when it has to be cut.
sections=() priorities=() section_counts=()
trouble=0 tripped=0 compared=0 new_count=0
add_section() { # FILE PRIORITY AGREEMENTS
  sections+=("$1")
  priorities+=("$2")
  section_counts+=("$3")
}

n=0
for i in "${!kinds[@]}"; do
  kind="${kinds[$i]}" old="${olds[$i]}" new="${news[$i]}"
  n=$((n + 1))
  section="$tmp/section-$n.md"
  acks_for "$new"
  case "$kind" in
    modified) title="Modified: $(md_path "$new")" ;;
    renamed) title="Renamed: $(md_path "$old") → $(md_path "$new")" ;;
    version)
      if printf '%s\n' ${deleted[@]+"${deleted[@]}"} | grep -Fqx -- "$old"; then
        title="Replaces $(md_path "$old") (removed): $(md_path "$new")"
      else
        title="New version of $(md_path "$old"): $(md_path "$new")"
      fi
      ;;
    added) title="New agreement: $(md_path "$new")" ;;
  esac
  if [ "$kind" = added ]; then
    log "new agreement $(shown "$new")"
    status=0
    agreement-diff check -- "$(file_arg "$new")" >"$tmp/out" 2>"$tmp/err" || status=$?
    cat "$tmp/err" >&2
    if [ "$status" -eq 0 ]; then
      new_count=$((new_count + 1))
      clauses="$(sed -n 's/.*(\([0-9]*\) clauses)$/\1/p' "$tmp/out")"
      {
        printf '\n---\n\n### %s\n\n' "$title"
        printf 'No earlier version of this agreement at the base: valid, %s clauses; review it in full. ' \
          "${clauses:-?}"
        printf 'A new agreement does not trip `fail-on`.\n\n'
      } >"$section"
      add_section "$section" 3 1
      continue
    fi
  else
    log "comparing $(shown "$from:$old") with $(shown "$new")" \
      "${ack_source:+(acknowledgements: base:$(shown "$ack_source"))}"
    status=0
    agreement-diff --format markdown --color never ${fail_flags[@]+"${fail_flags[@]}"} "${ack_flags[@]}" \
      -- "$from:$old" "$(file_arg "$new")" >"$tmp/out" 2>"$tmp/err" || status=$?
    cat "$tmp/err" >&2
    if [ "$status" -ne 2 ]; then
      # Annotations on the changed lines; the status is that of the run above.
      annotate=0
      agreement-diff --format github ${fail_flags[@]+"${fail_flags[@]}"} "${ack_flags[@]}" \
        -- "$from:$old" "$(file_arg "$new")" || annotate=$?
      [ "$annotate" -ne 2 ] || status=2
    fi
    if [ "$status" -ne 2 ]; then
      compared=$((compared + 1))
      priority=2
      verdict=''
      if [ "$status" -eq 1 ] && [ "$fail_on" != none ]; then
        tripped=$((tripped + 1))
        priority=1
        verdict="❌ **Findings at or above $fail_on need sign-off.**"
      fi
      {
        # The tool's report brings its own heading (`### agreement-diff: id old → new`).
        printf '\n---\n\n**%s**\n\n' "$title"
        [ -z "$verdict" ] || printf '%s\n\n' "$verdict"
        if [ -n "$ack_source" ]; then
          printf 'Acknowledgements: %s at the base commit.\n\n' "$(md_path "$ack_source")"
        fi
        cat "$tmp/out"
        printf '\n'
      } >"$section"
      add_section "$section" "$priority" 1
      continue
    fi
  fi
  # Trouble: the agreement could not be read or compared.
  trouble=$((trouble + 1))
  printf '::error title=agreement-diff::%s\n' \
    "$(command_data "could not check $(shown "$new"); see the log and the job summary")"
  {
    printf '\n---\n\n### ⚠️ Could not check — %s\n' "$title"
    md_code_block "$tmp/err"
  } >"$section"
  add_section "$section" 0 1
done

if [ "${#removed[@]}" -gt 0 ]; then
  section="$tmp/section-removed.md"
  {
    printf '\n---\n\n### Removed agreements\n\n'
    for d in "${removed[@]}"; do
      printf -- '- %s\n' "$(md_path "$d")"
    done
    printf '\n'
  } >"$section"
  add_section "$section" 4 "${#removed[@]}"
fi

# --- The report: a header, then the sections, most important first ---------------------------------------------

total=$((compared + new_count + trouble + ${#removed[@]}))
exit_status=0
[ "$tripped" -eq 0 ] || exit_status=1
[ "$trouble" -eq 0 ] || exit_status=2

plural() { # N WORD
  if [ "$1" -eq 1 ]; then printf '%s %s' "$1" "$2"; else printf '%s %ss' "$1" "$2"; fi
}

header="$tmp/header.md"
{
  printf '%s\n' "$MARKER"
  printf '## agreement-diff\n\n'
  if [ "$total" -eq 0 ]; then
    printf 'No agreement changes in this pull request.\n'
  else
    parts=()
    [ "$compared" -eq 0 ] || parts+=("$(plural "$compared" agreement) compared")
    [ "$new_count" -eq 0 ] || parts+=("$new_count new")
    [ "${#removed[@]}" -eq 0 ] || parts+=("${#removed[@]} removed")
    [ "$trouble" -eq 0 ] || parts+=("$trouble could not be checked")
    line="${parts[0]}"
    for p in "${parts[@]:1}"; do line="$line, $p"; done
    printf '%s.\n\n' "$line"
    if [ "$trouble" -gt 0 ]; then
      printf '⚠️ **%s could not be checked** (see below): the check fails.\n\n' "$(plural "$trouble" agreement)"
    fi
    if [ "$fail_on" = none ]; then
      printf 'Report only (`fail-on: none`).\n\n'
    elif [ "$tripped" -gt 0 ]; then
      printf '❌ **%s at or above %s** not acknowledged.\n\n' "$(plural "$tripped" agreement)" "$fail_on"
    else
      printf '✅ Nothing at or above %s that is not acknowledged.\n\n' "$fail_on"
    fi
  fi
  printf 'Compared %s (base) with %s. Acknowledgements are read from `.agreement-diff.yaml` at the base commit, ' \
    "$(md_path "${from:0:12}")" "$(md_path "${head_commit:0:12}")"
  printf 'never from this pull request: an acknowledgement it adds takes effect once merged.\n\n'
} >"$header"
acks_changed=0
git diff --quiet "$from" "$head_commit" -- ':(glob)**/.agreement-diff.yaml' || acks_changed=$?
case "$acks_changed" in
  0) ;;
  1) printf '**This pull request changes acknowledgements**: they are not used for this check.\n\n' >>"$header" ;;
  *) die "git diff failed" ;;
esac

footer() { # the line after the last section
  printf -- '\n---\n\n<sub>%s</sub>\n' "$(printf '%s' "$version" | LC_ALL=C tr '`[:cntrl:]' '?')"
}

# The sections in priority order.
ordered=()
for p in 0 1 2 3 4; do
  for i in "${!sections[@]}"; do
    [ "${priorities[$i]}" -ne "$p" ] || ordered+=("$i")
  done
done

# Assemble a report of at most LIMIT bytes into FILE: the header, as many sections as fit, and when some do not,
# a line saying how many agreements are left out and where to find them (WHERE).
assemble() { # FILE LIMIT WHERE
  local file="$1" limit="$2" where="$3" size more=0 left=0 i s
  cat "$header" >"$file"
  size="$(wc -c <"$file" | tr -d ' ')"
  # Room kept for the closing lines.
  limit=$((limit - 1024))
  for i in ${ordered[@]+"${ordered[@]}"}; do
    if [ "$more" -eq 0 ]; then
      s="$(wc -c <"${sections[$i]}" | tr -d ' ')"
      if [ $((size + s)) -le "$limit" ]; then
        cat "${sections[$i]}" >>"$file"
        size=$((size + s))
        continue
      fi
      more=1
    fi
    left=$((left + section_counts[i]))
  done
  if [ "$left" -gt 0 ]; then
    if [ "$left" -eq 1 ]; then
      printf '**1 more agreement: %s.**\n\n' "$where" >>"$file"
    else
      printf '**%s more agreements: %s.**\n\n' "$left" "$where" >>"$file"
    fi
  fi
  footer >>"$file"
}

where_summary='see the job summary'
if [ -n "${GITHUB_SERVER_URL:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ] && [ -n "${GITHUB_RUN_ID:-}" ]; then
  where_summary="see the [job summary]($GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID)"
fi
mkdir -p "$(dirname "$comment_file")"
assemble "$comment_file" "$COMMENT_LIMIT" "$where_summary"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  assemble "$tmp/summary.md" "$SUMMARY_LIMIT" \
    'not shown (a job summary is limited to 1 MiB); run agreement-diff locally'
  cat "$tmp/summary.md" >>"$GITHUB_STEP_SUMMARY"
fi

# --- The sticky comment ---------------------------------------------------------------------------------------

post_comment() {
  local repo="${GITHUB_REPOSITORY:-}" existing
  [ -n "$repo" ] || {
    log "cannot post the comment: GITHUB_REPOSITORY is not set"
    return 1
  }
  command -v gh >/dev/null || {
    log "cannot post the comment: the gh CLI is not installed"
    return 1
  }
  command -v jq >/dev/null || {
    log "cannot post the comment: jq is not installed"
    return 1
  }
  # GitHub Enterprise Server: gh talks to the server the workflow runs on.
  if [ -z "${GH_HOST:-}" ] && [ -n "${GITHUB_SERVER_URL:-}" ]; then
    export GH_HOST="${GITHUB_SERVER_URL#*://}"
  fi
  gh api --paginate "repos/$repo/issues/$pr/comments" >"$tmp/comments.json" || return 1
  existing="$(jq -rs --arg m "$MARKER" '[.[][] | select((.body // "") | startswith($m)) | .id] | first // empty' \
    "$tmp/comments.json")" || return 1
  jq -Rs '{body: .}' <"$comment_file" >"$tmp/request.json" || return 1
  if [ -n "$existing" ]; then
    log "updating comment $existing on pull request #$pr"
    gh api --method PATCH "repos/$repo/issues/comments/$existing" --input - <"$tmp/request.json" >/dev/null
  elif [ "$total" -gt 0 ]; then
    log "commenting on pull request #$pr"
    gh api --method POST "repos/$repo/issues/$pr/comments" --input - <"$tmp/request.json" >/dev/null
  else
    log "no agreement changes and no earlier comment: nothing to post"
  fi
}

if [ "$comment" = true ]; then
  if [ -z "$pr" ]; then
    log "no pull request number: no comment (the report is in the job summary)"
  elif ! post_comment; then
    printf '::error title=agreement-diff::%s\n' "$(command_data "could not post the pull-request comment \
(a pull request from a fork gets a read-only token: set comment: false for those)")"
    exit_status=2
  fi
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  printf 'status=%s\ncomment-file=%s\n' "$exit_status" "$comment_file" >>"$GITHUB_OUTPUT"
fi
case "$exit_status" in
  0) log "nothing at or above $fail_on that is not acknowledged" ;;
  1) log "$(plural "$tripped" agreement) at or above $fail_on not acknowledged" ;;
  2) log "trouble: see the errors above" ;;
esac
exit "$exit_status"
