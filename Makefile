# Plain entry points; each script installs what it needs first.
.PHONY: run test fmt lint

run:
	scripts/run

test:
	scripts/test

fmt:
	cargo fmt --all

lint:
	cargo clippy --workspace --all-targets -- -D warnings
