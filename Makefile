# Makefile — the front door to qatspec's build. A thin wrapper over CMakePresets.json:
# every real setting lives in the presets; this file only sequences them.
#
#   make help     list the targets
#   make test     what CI runs (.ci/run): install missing packages, then build and
#                 test the default and the asan-ubsan presets

CMAKE   ?= cmake
CTEST   ?= ctest
JOBS    ?= 2

PRESETS  := default asan-ubsan fuzz afl coverage
QATSPEC  := build/default/harness/qatspec
SPEC_DIR ?= specs

# What `make demo` runs after building: the spec linted, the whole suite against the emulator, the score.
DEMO_CMD ?= bash scripts/demo.sh $(QATSPEC) $(SPEC_DIR) reports

# configure_build(PRESET): configure (idempotent) and build one preset.
configure_build = $(CMAKE) --preset $(1) && $(CMAKE) --build --preset $(1)
# run_tests(PRESET): ctest with that preset's environment (sanitizer options, ...).
run_tests = $(CTEST) --preset $(1) --output-on-failure -j $(JOBS)

CHECKS := $(addprefix check-,$(PRESETS))

.DEFAULT_GOAL := help
.PHONY: help deps build test asan lint demo clean $(CHECKS)
.PHONY: fuzz fuzz-coverage fuzz-build time-to-bug

help:
	@echo "qatspec — make targets:"
	@echo "  deps          install the missing Debian packages (scripts/deps.sh)"
	@echo "  build         deps, then configure and build the default preset (build/default)"
	@echo "  test          deps, then build and ctest the default and asan-ubsan presets (what CI runs)"
	@echo "  asan          deps, then build and ctest the asan-ubsan preset only"
	@echo "  lint          build, then run 'qatspec lint $(SPEC_DIR)'"
	@echo "  demo          deps, build, then run the suite: $(DEMO_CMD)"
	@echo "  check-PRESET  deps, build and ctest one preset: $(PRESETS)"
	@echo "  clean         remove build/"
	@echo "  fuzz          run one libFuzzer target locally: make fuzz TARGET=$(FUZZ_TARGET_NAMES) SECONDS=60"
	@echo "  fuzz-coverage replay the corpus through the coverage preset; llvm-cov report of parsers/"
	@echo "  time-to-bug   the guide's benchmark: time to each seeded bug of fuzz/sample, with and without the mutator"
	@echo "Variables: JOBS=$(JOBS) (ctest -j), SPEC_DIR=$(SPEC_DIR), DEMO_CMD='...'"

deps:
	@bash scripts/deps.sh

build: deps
	$(call configure_build,default)

test: deps
	$(call configure_build,default)
	$(call run_tests,default)
	$(call configure_build,asan-ubsan)
	$(call run_tests,asan-ubsan)
	@echo "test: default and asan-ubsan presets built and passed"
	$(MAKE) --no-print-directory fuzz-build
	$(CTEST) --preset fuzz -L fuzz --output-on-failure -j $(JOBS)
	@echo "test: fuzz preset: regressions replayed, each libFuzzer target ran from the seeds without a finding"

asan: check-asan-ubsan

$(CHECKS): check-%: deps
	$(call configure_build,$*)
	$(call run_tests,$*)

lint: build
	$(QATSPEC) lint $(SPEC_DIR)

demo: build
	@echo "demo: running: $(DEMO_CMD)"
	@$(DEMO_CMD); rc=$$?; \
	if [ $$rc -eq 0 ]; then echo "demo: ran '$(DEMO_CMD)': passed"; \
	else echo "demo: ran '$(DEMO_CMD)': FAILED (exit $$rc)"; fi; \
	exit $$rc

clean:
	rm -rf build

# ---- fuzzing (fuzz/README.md, "Fuzzing qatspec itself") ----
FUZZ_TARGET_NAMES := stream|cmdline|spec|transcript
TARGET  ?= stream
SECONDS ?= 60
# The seeds and dictionary the runs start from: `qatspec gen corpus` / `gen dict` output (made by fuzz-build),
# plus the committed seeds and regressions (corpus/).
FUZZ_GEN   := build/fuzz/fuzz/gen
FUZZ_SEEDS ?= $(FUZZ_GEN)/corpus
FUZZ_DICT  ?= $(FUZZ_GEN)/qat.dict
FUZZ_ENV   := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# The fuzz targets only, in the fuzz preset (the other presets' tests cover the rest), and the generated seeds.
fuzz-build: deps
	$(CMAKE) --preset fuzz && $(CMAKE) --build --preset fuzz --target qat_fuzz_all qatspec
	rm -rf $(FUZZ_GEN) && mkdir -p $(FUZZ_GEN)
	$(FUZZ_ENV) build/fuzz/harness/qatspec gen corpus --out $(FUZZ_GEN)/corpus
	$(FUZZ_ENV) build/fuzz/harness/qatspec gen dict --out $(FUZZ_GEN)/qat.dict

# New inputs accumulate in build/fuzz/work/<target>-local/corpus between runs; findings in .../artifacts/.
fuzz: fuzz-build
	@case "$(TARGET)" in $(FUZZ_TARGET_NAMES)) ;; *) echo "fuzz: TARGET must be one of $(FUZZ_TARGET_NAMES)" >&2; exit 2;; esac
	$(FUZZ_ENV) sh fuzz/run_libfuzzer.sh build/fuzz/fuzz/fuzz_$(TARGET) build/fuzz/work/$(TARGET)-local $(SECONDS) \
	  $(FUZZ_DICT) $(FUZZ_SEEDS)/$(TARGET) corpus/seeds/$(TARGET) corpus/regressions/$(TARGET)

# The guide's benchmark (fuzz/README.md): time to each seeded bug of the sample client, with and without the
# mutator, from fuzz/sample/seeds (SEEDS=DIR for others), TRIALS runs of at most SECONDS each.
TRIALS ?= 5
SEEDS  ?= fuzz/sample/seeds
time-to-bug: fuzz-build
	$(CMAKE) --build --preset fuzz --target qatspec
	build/fuzz/harness/qatspec gen dict --out build/fuzz/qat.dict
	bash fuzz/sample/time_to_bug.sh build/fuzz/fuzz/sample $(SEEDS) build/fuzz/qat.dict $(TRIALS) $(SECONDS)

# The corpus: generated seeds, committed seeds and regressions, and what `make fuzz` runs have added.
fuzz-coverage: deps
	$(CMAKE) --preset coverage && $(CMAKE) --build --preset coverage --target qat_fuzz_all qatspec
	rm -rf build/coverage/gen && LLVM_PROFILE_FILE=/dev/null build/coverage/harness/qatspec gen corpus --out build/coverage/gen
	sh fuzz/coverage.sh build/coverage build/coverage/gen corpus/seeds corpus/regressions build/fuzz/work
