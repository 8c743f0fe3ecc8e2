# Haker Panel: the README's two commands are `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift

.PHONY: all build run test soak deps deps-test release release-check bench clean screens

all: build

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

build: deps
	$(SWIFT) build

## make run: the panel in the terminal.
run: build
	.build/debug/haker-panel $(ARGS)

## make test: every test (unit, server, screens, end to end), with Swift Testing's summary, then
## schemathesis against a live server (scripts/schemathesis.sh) and a short load test
## (scripts/loadtest.py: a few seconds of sign-in, GET /v1/me and PUT /v1/me/contact at 64 connections).
test: deps-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	scripts/schemathesis.sh
	scripts/loadtest.py --seconds 3

## make soak: the load test for minutes on the release server (see RELIABILITY.md):
## SOAK_SECONDS per phase, SOAK_ROUNDS rounds of the three phases, SOAK_SIGNIN sign-in clients.
SOAK_SECONDS ?= 30
SOAK_ROUNDS ?= 4
SOAK_SIGNIN ?= 16
soak: deps-test
	$(SWIFT) build -c release --product haker-panel-server
	scripts/loadtest.py --build-dir .build/release --seconds $(SOAK_SECONDS) --rounds $(SOAK_ROUNDS) \
		--signin-connections $(SOAK_SIGNIN)

## make screens: re-record the screen catalogue (Screens/*.txt) after a change, then show the diff.
screens: deps
	$(SWIFT) build --build-tests
	-HAKER_PANEL_RECORD_SCREENS=1 $(SWIFT) test --skip-build --filter ScreenCatalogueTests >/dev/null 2>&1
	@git status --short Screens; git --no-pager diff --stat Screens
	@echo "Read the diff (git diff Screens) before committing."

## make release: optimised binaries in .build/release/, the Swift runtime linked statically.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

## make release-check: the release binaries need only libc, ncurses, libcurl, SQLite and zlib, and
## run when copied alone into an empty folder (scripts/check-release.sh). Not part of `make test`:
## the release build takes minutes.
release-check: release
	scripts/check-release.sh

## make bench: the release build measured beside dialog, whiptail, mc and htop (see BENCHMARKS.md):
## a table on stdout, the raw figures in bench/results/latest.json. Options: BENCH_ARGS="--runs 9"
## (python3 bench/run.py --help lists them).
bench:
	@scripts/deps.sh bench
	$(MAKE) --no-print-directory release
	python3 -m unittest discover -s bench/tests
	python3 bench/run.py $(BENCH_ARGS)

clean:
	rm -rf .build
