//! How long a document takes to make: p50 and p95 over 30 runs of a 1-page and a 20-page
//! invoice, DOCX and PDF, in one process (after one warm-up run each).
//! `cargo run --release -p shopchat-documents --example bench_documents`

use std::time::{Duration, Instant};

use shopchat_documents::{Document, Lang, render_docx, render_pdf};

#[path = "sample.rs"]
#[allow(dead_code)]
mod sample;

const RUNS: usize = 30;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let one_page = sample::sample(Lang::En, 4);
    // About 33 lines a page: 650 lines make 20 pages of PDF (checked with pdfinfo).
    let twenty_pages = sample::sample(Lang::En, 650);
    println!(
        "{:<22} {:>9} {:>9} {:>10}",
        "document", "p50", "p95", "size"
    );
    for (name, doc) in [("1 page", &one_page), ("20 pages", &twenty_pages)] {
        report(&format!("{name}, DOCX"), doc, render_docx)?;
        report(&format!("{name}, PDF"), doc, render_pdf)?;
    }
    Ok(())
}

fn report(
    name: &str,
    doc: &Document,
    render: impl Fn(&Document) -> Result<Vec<u8>, shopchat_documents::DocumentError>,
) -> Result<(), Box<dyn std::error::Error>> {
    let size = render(doc)?.len();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let bytes = render(doc);
            let took = start.elapsed();
            std::hint::black_box(bytes.map(|b| b.len()).unwrap_or(0));
            took
        })
        .collect();
    times.sort();
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!(
        "{name:<22} {:>9} {:>9} {:>7} KB",
        ms(times[RUNS / 2]),
        ms(times[RUNS * 95 / 100]),
        size / 1024
    );
    Ok(())
}
