//! Prints the classifier's precision, recall and F1 per class, the confusion matrix and the
//! replies it gets wrong, on the development set and on the held-out set; then its speed.
//!
//!     cargo run --release -p shopchat-replies --example evaluate

#[path = "../tests/support/metrics.rs"]
mod metrics;

use std::time::Instant;

use shopchat_replies::{Input, classify};

const SETS: [(&str, &str); 2] = [
    ("development set", "data/labelled.csv"),
    ("held-out set", "data/holdout.csv"),
];

fn main() {
    for (name, path) in SETS {
        println!("== {name} ({path})\n{}", metrics::evaluate(path).table());
    }
    let texts: Vec<String> = SETS
        .iter()
        .flat_map(|(_, p)| {
            let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(p);
            csv::Reader::from_path(full)
                .expect("set")
                .records()
                .map(|r| r.expect("row")[0].to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let rounds = 200;
    let started = Instant::now();
    let mut count = 0usize;
    for _ in 0..rounds {
        for t in &texts {
            count += std::hint::black_box(classify(Input::Text(std::hint::black_box(t))))
                .rule
                .as_str()
                .len();
        }
    }
    let per = started.elapsed().as_nanos() as f64 / (rounds * texts.len()) as f64;
    println!(
        "speed: {per:.0} ns per reply ({} replies × {rounds} rounds; {count})",
        texts.len()
    );
}
