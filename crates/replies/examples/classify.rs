//! Classes each line of standard input and prints the class, the rule, the language and the cue.
//!
//!     echo "no me interesa, gracias" | cargo run -p shopchat-replies --example classify

use shopchat_replies::{Input, classify};

fn main() -> std::io::Result<()> {
    for line in std::io::stdin().lines() {
        let line = line?;
        let v = classify(Input::Text(&line));
        println!(
            "{:<15} {:<16} {:<3} {:<20} {line}",
            v.class.as_str(),
            v.rule.as_str(),
            v.lang.map_or("-", |l| l.as_str()),
            v.cue.unwrap_or("-"),
        );
    }
    Ok(())
}
