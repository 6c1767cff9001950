#!/bin/sh
# run_checker_tests.sh PYTHON_SCRIPT — the self-tests of check_layers.py: small fixture trees written into a temp dir
# (clean, upward, peer, private, symbol-only, file cycles, no layers block); checks each exit code and the files named.
set -u
checker=${1:?usage: run_checker_tests.sh PATH/TO/check_layers.py}
# the interpreter itself rather than a launcher (a pyenv shim costs 0.1 s a run)
python=$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)') || exit 1
cc=${CC:-cc}
ar=${AR:-ar}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check_layers.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
failures=0
passes=0

# put FILE: write stdin to $tree/FILE.
put() { mkdir -p "$tree/${1%/*}" && cat > "$tree/$1"; }

# architecture [CYCLES]: ARCHITECTURE.md with app on top, core and net peers below it, parsers at the bottom.
architecture() {
    printf '%s\n' '# Fixture architecture' '```layers' app 'core net' parsers '```' 'Allowed file cycles:' \
        '```cycles' "${1:-}" '```' > "$tree/ARCHITECTURE.md"
}

# base: the clean tree in $tmp/base (app -> core, net -> parsers; in core engine -> sched), and its archives.
base() {
    tree=$tmp/base
    mkdir -p "$tree/parsers" "$tree/harness/core" "$tree/harness/net" "$tree/harness/app"
    architecture
    printf '/* the bottom layer */\nint qat_base_value(void);\n' > "$tree/parsers/qat_base.h"
    printf '#include "qat_base.h"\nint qat_base_value(void) { return 1; }\n' > "$tree/parsers/qat_base.c"
    printf 'int core_run(void);\n' > "$tree/harness/core/core.h"
    printf '#include "sched.h"\nint engine_step(void);\n' > "$tree/harness/core/engine.h"
    printf 'int sched_next(void);\n' > "$tree/harness/core/sched.h"
    printf '#include "sched.h"\nint sched_next(void) { return 2; }\n' > "$tree/harness/core/sched.c"
    put harness/core/engine.c <<'END'
#include "core.h"
#include "engine.h"
#include "sched.h"
#include "qat_base.h"
#include <stdio.h>
int engine_step(void) { return qat_base_value() + sched_next(); }
int core_run(void) { return engine_step(); }
END
    printf 'int net_open(void);\n' > "$tree/harness/net/net.h"
    printf '#include "net.h"\n#include "qat_base.h"\nint net_open(void) { return qat_base_value(); }\n' \
        > "$tree/harness/net/link.c"
    printf 'int app_main(void);\nint app_version(void);\n' > "$tree/harness/app/app.h"
    put harness/app/main.c <<'END'
#include "app.h"
#include "core.h"
#include "net.h"
int app_version(void) { return 3; }
int app_main(void) { return core_run() + net_open(); }
END
    archive parsers libqat.a && archive core libqatspec_core.a && archive net libqatspec_net.a
    archive app libqatspec_app.a && cp "$tree/build/parsers/libqat.a" "$tree/build/parsers/libqat_builtin.a"
}

# archive SUB LIB: $tree/build/SUB/LIB from SUB's .c files, its members named as CMake names them (engine.c.o).
archive() {
    out=$tree/build/$1
    src=$tree/harness/$1
    [ "$1" = parsers ] && src=$tree/parsers
    mkdir -p "$out" && rm -f "$out/$2" "$out"/*.o
    for source in "$src"/*.c; do
        "$cc" -c -I"$tree/parsers" -I"$tree/harness/core" -I"$tree/harness/net" -I"$tree/harness/app" \
            -o "$out/${source##*/}.o" "$source" || exit 1
    done
    "$ar" rcs "$out/$2" "$out"/*.c.o || exit 1
}

# fixture NAME: a copy of the clean tree (with its archives) in $tmp/NAME, for one case to change.
fixture() {
    tree=$tmp/$1
    cp -R "$tmp/base" "$tree"
}

# run CASE CODE [--build]: the checker on $tree; it must exit CODE (and not crash). Its output is $tmp/CASE.out.
run() {
    case_name=$1
    if [ "${3:-}" = --build ]; then
        "$python" -S "$checker" --root "$tree" --build "$tree/build" > "$tmp/$1.out" 2>&1
    else
        "$python" -S "$checker" --root "$tree" > "$tmp/$1.out" 2>&1
    fi
    verdict "$?" = "$2" "exits $2"
    ! grep -q '^Traceback' "$tmp/$1.out"
    verdict "$?" = 0 "no traceback"
}

# says TEXT...: the output of the last run contains each TEXT (a fixed string).
says() {
    for text in "$@"; do
        grep -qF -- "$text" "$tmp/$case_name.out"
        verdict "$?" = 0 "names: $text"
    done
}

# verdict GOT = WANTED WHAT: count and print one check; on failure show the case's output.
verdict() {
    if [ "$1" "$2" "$3" ]; then
        passes=$((passes + 1))
        echo "ok   $case_name: $4"
    else
        failures=$((failures + 1))
        echo "FAIL $case_name: $4 (got $1); its output:"
        sed 's/^/    | /' "$tmp/$case_name.out"
    fi
}

base

# 1. the clean tree: includes only, then with the archives (libqat_builtin.a, a copy of libqat.a, is ignored).
fixture clean
run clean 0
says "#include lines only" "app -> core" "app -> net" "core -> parsers" "net -> parsers" \
    "longest include chain (2 includes): harness/core/engine.c -> harness/core/engine.h -> harness/core/sched.h" \
    "OK: the layering holds"
run clean_build 0 --build
says "symbols of 4 archives" "app -> core                  both     1 include, 1 symbol" \
    "core (5 files, 2 objects)" "OK: the layering holds"

# 2. an upward include (core -> app), which also closes a cycle between app and core.
fixture upward
echo '#include "app.h"' >> "$tree/harness/core/engine.c"
run upward 1
says "error: harness/core/engine.c -> harness/app/app.h (#include, line 8): core may not depend on app" \
    "cycle between subsystems app -> core -> app" "FAILED"

# 3. a peer include (net -> core).
fixture peer
echo '#include "core.h"' >> "$tree/harness/net/link.c"
run peer 1
says "error: harness/net/link.c -> harness/core/core.h (#include, line 4): net and core are peers"

# 4. a private header of core included from app, by a relative path and by its bare name.
fixture private
echo '#include "../core/engine.h"' >> "$tree/harness/app/main.c"
run private 1
says "error: harness/app/main.c:6 includes harness/core/engine.h, private to subsystem core; include core.h"
fixture private_by_name
echo '#include "engine.h"' >> "$tree/harness/app/main.c"
run private_by_name 1
says "error: harness/app/main.c:6 includes harness/core/engine.h, private to subsystem core"

# 5. net calls app_version() (upward) through a declaration of its own: no include, only the symbols show it.
fixture symbol
printf 'int app_version(void);\nint net_version(void) { return app_version(); }\n' >> "$tree/harness/net/link.c"
archive net libqatspec_net.a
run symbol_no_build 0
says "#include lines only"
run symbol 1 --build
says "error: harness/net/link.c -> harness/app/main.c (app_version): net may not depend on app" \
    "net -> app                   symbol   1 symbol"
fixture duplicate
echo 'int qat_base_value(void) { return 4; }' >> "$tree/harness/core/engine.c"
archive core libqatspec_core.a
run duplicate 1 --build
says "error: duplicate definition of qat_base_value: harness/core/engine.c and parsers/qat_base.c"

# 6. a file cycle in core (sched.c includes engine.h): not listed, listed, listed but gone; one seen by symbols only.
fixture cycle
printf '#include "engine.h"\nint sched_prev(void) { return engine_step(); }\n' >> "$tree/harness/core/sched.c"
run cycle 1
says "file cycle in harness/core/ not listed" "harness/core/engine.c -> harness/core/sched.h (#include, line 3)" \
    "harness/core/sched.c -> harness/core/engine.h (#include, line 3)" "'core: engine.c sched.c -- why'"
architecture "core: engine.c sched.c -- the fixture's loop"
archive core libqatspec_core.a
run cycle_listed 0 --build
says "core: engine.c sched.c -- the fixture's loop" "OK: the layering holds"
architecture "core: engine.c sched.c core.h -- one too many"
run cycle_listed_wrong 1 --build
says "error: file cycle in harness/core/ among {engine, sched}, but ARCHITECTURE.md:9 lists {core, engine, sched}"
fixture stale
architecture "core: engine.c sched.c -- the fixture's loop"
run stale 1 --build
says "error: ARCHITECTURE.md:9: listed cycle core: engine.c sched.c no longer exists"
run stale_no_build 0
says "warning: ARCHITECTURE.md:9: listed cycle core: engine.c sched.c is not seen in the #include lines"
fixture stale_file
architecture "core: engine.c gone.c -- removed long ago"
run stale_file 1
says "error: ARCHITECTURE.md:9: listed cycle names harness/core/gone.c, which does not exist"
fixture symbol_cycle
printf 'int engine_step(void);\nint sched_prev(void) { return engine_step(); }\n' >> "$tree/harness/core/sched.c"
archive core libqatspec_core.a
run symbol_cycle_no_build 0
run symbol_cycle 1 --build
says "harness/core/sched.c -> harness/core/engine.c (engine_step)"

# 7. no layers block, no ARCHITECTURE.md; 8. a harness folder the layers block does not name.
fixture no_layers
echo '# Architecture without its layers block' > "$tree/ARCHITECTURE.md"
run no_layers 2
says "ARCHITECTURE.md: no \`\`\`layers fenced block"
rm "$tree/ARCHITECTURE.md"
run no_architecture 2
says "ARCHITECTURE.md: not found"
fixture unnamed
echo 'int extra(void);' | put harness/extra/extra.h
run unnamed 1
says "error: harness/extra/ is not named in ARCHITECTURE.md's layers block"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
