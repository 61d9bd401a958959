# Plain entry points; each script installs what it needs first.
.PHONY: run test fmt lint bench

run:
	scripts/run

test:
	scripts/test

fmt:
	cargo fmt --all

lint:
	cargo clippy --workspace --all-targets -- -D warnings

# Not part of the test command: builds release binaries and loads them with wrk.
bench:
	scripts/bench-inbound
