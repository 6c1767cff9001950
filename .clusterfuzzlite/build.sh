#!/bin/bash -eu
# ClusterFuzzLite build step: the same OSS-Fuzz-style build as everywhere else (fuzz/oss-fuzz-build.sh).
exec "$SRC/qatspec/fuzz/oss-fuzz-build.sh"
