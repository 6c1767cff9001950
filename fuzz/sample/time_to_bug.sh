#!/usr/bin/env bash
# time_to_bug.sh — the guide's benchmark: how long libFuzzer takes to find each seeded bug of the sample client,
# with and without qatspec's grammar-aware mutator, over several trials; prints a Markdown table of medians.
#
#   usage: time_to_bug.sh BIN_DIR CORPUS_DIR DICT [TRIALS=5] [MAX_SECONDS=60]
#
# BIN_DIR holds sample_<bug> (libFuzzer's own mutations, with the dictionary) and sample_<bug>_mutator (the same
# target linked with libqat_lf_mutator.a), as the fuzz preset builds them. A trial ends at the first crash, leak
# or timeout libFuzzer reports (a hang of the missing-final bug is a timeout of 2 s) or after MAX_SECONDS.
set -euo pipefail

usage() { sed -n '5p' "$0" | sed 's/^# *//' >&2; exit 2; }
[ $# -ge 3 ] || usage
bin_dir=$1 corpus=$2 dict=$3 trials=${4:-5} max=${5:-60}
bugs="ok-in-payload trusted-length urc-in-response missing-final long-line"
for f in "$corpus" "$dict"; do [ -e "$f" ] || { echo "time_to_bug: $f: no such file" >&2; exit 2; }; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# trial BINARY SEED: prints the seconds to the first finding, or "-" when none came within MAX.
trial() {
    local out="$work/out" start end rc=0
    find "$work" -mindepth 1 -delete; mkdir "$out"
    start=$(date +%s.%N)
    "$1" -seed="$2" -max_total_time="$max" -timeout=2 -dict="$dict" -artifact_prefix="$work/" \
         -print_final_stats=0 "$out" "$corpus" >"$work/log" 2>&1 || rc=$?
    end=$(date +%s.%N)
    if [ "$rc" -ne 0 ] && find "$work" -maxdepth 1 \( -name 'crash-*' -o -name 'timeout-*' -o -name 'leak-*' \) | grep -q .; then
        awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }'
    else
        echo "-"
    fi
}

# median of the arguments, "-" (not found) counting as longer than any time; "> MAX s" when the median is one.
median() {
    printf '%s\n' "$@" | sed "s/^-$/inf/" | sort -g | awk -v max="$max" '
        { v[NR] = $1 } END { m = v[int((NR + 1) / 2)]; if (m == "inf") printf "> %d s", max; else printf "%.2f s", m }'
}

found() { printf '%s\n' "$@" | grep -vc '^-$' || true; }

echo "| bug | without the mutator: median (found) | with the mutator: median (found) |"
echo "| --- | --- | --- |"
for bug in $bugs; do
    row="| $bug"
    for variant in "sample_$bug" "sample_${bug}_mutator"; do
        [ -x "$bin_dir/$variant" ] || { echo "time_to_bug: $bin_dir/$variant: not built (the fuzz preset builds it)" >&2; exit 2; }
        times=()
        for seed in $(seq 1 "$trials"); do times+=("$(trial "$bin_dir/$variant" "$seed")"); done
        row="$row | $(median "${times[@]}") ($(found "${times[@]}")/$trials)"
        echo "time_to_bug: $variant: ${times[*]}" >&2
    done
    echo "$row |"
done
