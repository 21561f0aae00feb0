# spd-gateway: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
SWIFT_BUILD_FLAGS ?=

.PHONY: demo test soak bench build release setup format clean

## demo: install what is missing, build, and run the daemon against the bundled simulators.
demo: setup
	$(SWIFT) build $(SWIFT_BUILD_FLAGS)
	scripts/demo.sh $(DEMO_ARGS)

## test: install what is missing, check the layout (scripts/check-format.sh, a few seconds), build everything, and
## run the whole test suite. CI runs this (.ci/run), so a line over 120 columns or unsorted imports fail it.
test: setup
	SWIFT=$(SWIFT) scripts/check-format.sh
	$(SWIFT) build --build-tests $(SWIFT_BUILD_FLAGS)
	$(SWIFT) test --skip-build $(SWIFT_BUILD_FLAGS)

## soak: the fault-injection tests at length: 500 kill -9 restarts, 50 cabinet sessions with a kill -9 each, a
## 100,000-event backend outage, 200 rounds of mid-line network drops and config reloads.
soak: setup
	$(SWIFT) build --build-tests $(SWIFT_BUILD_FLAGS)
	SPD_SOAK_KILLS=500 SPD_SOAK_OUTAGE_EVENTS=100000 SPD_SOAK_FAULT_ROUNDS=200 $(SWIFT) test --skip-build \
		--filter 'CrashRecoveryTests|CabinetCrashTests|OutageAndStorageTests|FaultInjectionTests' $(SWIFT_BUILD_FLAGS)

## bench: release-build benchmarks (decoding, forwarding, scanner latency, cabinet polling, catalogue cache);
## prints comparable figures.
bench: setup
	Benchmarks/run-codes-bench.sh
	Benchmarks/run-forwarding-bench.sh
	Benchmarks/run-scanner-bench.sh
	Benchmarks/run-cabinet-bench.sh
	Benchmarks/run-cache-bench.sh

setup:
	scripts/setup.sh

## format: wrap the lines over 120 columns and sort the imports with swift format (.swift-format), then check.
format:
	SWIFT=$(SWIFT) scripts/check-format.sh --fix

build:
	$(SWIFT) build $(SWIFT_BUILD_FLAGS)

release:
	$(SWIFT) build -c release $(SWIFT_BUILD_FLAGS)

clean:
	rm -rf .build
