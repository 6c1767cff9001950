#!/bin/bash -eu
# oss-fuzz-build.sh — builds qatspec's fuzz targets the OSS-Fuzz way: $CC $CFLAGS, linked with $LIB_FUZZING_ENGINE,
# each with <target>_seed_corpus.zip, <target>.dict and <target>.options in $OUT. Run inside an OSS-Fuzz or
# ClusterFuzzLite builder (which set CC, CXX, CFLAGS, CXXFLAGS, LIB_FUZZING_ENGINE, SRC, WORK, OUT).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=$WORK/qatspec-build
targets="stream cmdline spec transcript"

# The targets only (no tests); engines are C++ libraries, so the targets link with $CXX.
# Shared libraries they need are copied to $OUT/lib and found through the rpath: the runner has only $OUT.
rm -rf "$build"
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DCMAKE_BUILD_RPATH="\$ORIGIN/lib" \
  -DQAT_FUZZ=ON -DQAT_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" -DQAT_FUZZ_LINK_CXX=ON \
  -DQAT_WERROR=OFF -DBUILD_TESTING=OFF
cmake --build "$build" --target qat_fuzz_all qatspec
# seeds and dictionary from the spec (the spec itself is compiled into the targets: nothing to ship)
gen=$WORK/qatspec-gen
rm -rf "$gen" && mkdir -p "$gen"
ASAN_OPTIONS=detect_leaks=0 "$build/harness/qatspec" gen corpus --out "$gen/corpus"
ASAN_OPTIONS=detect_leaks=0 "$build/harness/qatspec" gen dict --out "$gen/qat.dict"

mkdir -p "$OUT/lib"
for t in $targets; do
  name=fuzz_$t
  cp "$build/fuzz/$name" "$OUT/"
  # generated and committed seeds, and every regression reproducer (dotfiles such as .gitkeep left out)
  rm -f "$OUT/${name}_seed_corpus.zip"
  find "$gen/corpus/$t" "$src/corpus/seeds/$t" "$src/corpus/regressions/$t" -type f ! -name '.*' -print 2>/dev/null |
    zip -jq "$OUT/${name}_seed_corpus.zip" -@
  cp "$gen/qat.dict" "$OUT/$name.dict"
  # a spec file is one whole YAML document: let inputs be as long as the whole shipped spec
  max_len=4096
  [ "$t" = spec ] && max_len=131072
  printf '[libfuzzer]\nmax_len = %s\ntimeout = 10\n' "$max_len" > "$OUT/$name.options"
  ldd "$OUT/$name" | awk -v lib="$OUT/lib/" '/libyaml|libcjson/ && index($3, lib) != 1 { print $3 }' |
    xargs -r cp -L -t "$OUT/lib/"
done
