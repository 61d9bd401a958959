# Plain entry points; each script installs what it needs first.
.PHONY: run test fmt lint package bench bench-inbound bench-outbound bench-scale bench-backup bench-broadcast

run:
	scripts/run

test:
	scripts/test

fmt:
	cargo fmt --all

lint:
	cargo clippy --workspace --all-targets -- -D warnings

# The Linux .deb and AppImage (Tauri bundler), into $CARGO_TARGET_DIR/release/bundle/.
package:
	scripts/package

# Not part of the test command: release builds under load, printing figures.
bench: bench-inbound bench-outbound bench-broadcast bench-scale bench-backup

# Signed webhooks from wrk against `shopchat serve` and the ceiling server.
bench-inbound:
	scripts/bench-inbound

# 10,000 queued messages against a loopback fake Graph API, at 80/s, 1,000/s and unlimited.
bench-outbound:
	cargo run --release --locked -p shopchat-e2e --example bench_outbound

# A 10,000-recipient broadcast at 80/s and 1,000/s against a loopback fake Graph API.
bench-broadcast:
	cargo run --release --locked -p shopchat-e2e --example bench_broadcast

# 1,000,000 messages over 10,000 contacts: chat list, opening a conversation, search, and each
# statistic over the last 30 days and the last year; then what the statistics' triggers cost.
bench-scale:
	cargo run --release --locked -p shopchat-core --example bench_scale

# Backing up and restoring a database of 1,000,000 messages (the bench-scale generator).
bench-backup:
	cargo run --release --locked -p shopchat-core --example bench_backup
