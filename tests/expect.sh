# expect.sh — shared by the shell tests: `expect CODE PATTERN COMMAND...` checks that COMMAND exits
# CODE and that its stdout+stderr match the extended regex PATTERN. Needs $tmp (a scratch dir); sets fail=1.
expect() {
    code=$1
    pattern=$2
    shift 2
    "$@" >"$tmp/out" 2>&1
    rc=$?
    if [ "$rc" -ne "$code" ] || ! grep -q -E -- "$pattern" "$tmp/out"; then
        echo "FAIL: '$*' exited $rc (expected $code), output:"
        sed 's/^/    /' "$tmp/out"
        echo "    (expected to match: $pattern)"
        fail=1
    fi
}
