//! Precision, recall and F1 per class over a labelled CSV (`text,lang,label`), and the
//! confusion matrix. Shared by the `evaluate` example and the crate's test.

use shopchat_replies::{Class, Input, classify};

pub struct Metrics {
    pub rows: usize,
    /// `[truth][predicted]`.
    pub confusion: [[usize; 4]; 4],
    pub wrong: Vec<(String, Class, Class)>,
    /// Replies whose language was told right, told wrong, and not told.
    pub lang: [usize; 3],
}

fn index(c: Class) -> usize {
    Class::ALL.iter().position(|x| *x == c).expect("a class")
}

pub fn evaluate(path: &str) -> Metrics {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let mut reader = csv::Reader::from_path(&full).expect("the labelled set");
    let mut m = Metrics {
        rows: 0,
        confusion: [[0; 4]; 4],
        wrong: Vec::new(),
        lang: [0; 3],
    };
    for row in reader.records() {
        let row = row.expect("a row");
        let (text, lang, label) = (&row[0], &row[1], &row[2]);
        let truth = Class::parse(label).unwrap_or_else(|| panic!("label {label:?}"));
        let verdict = classify(Input::Text(text));
        let got = verdict.class;
        match verdict.lang {
            Some(l) if l.as_str() == lang => m.lang[0] += 1,
            Some(_) => m.lang[1] += 1,
            None => m.lang[2] += 1,
        }
        m.rows += 1;
        m.confusion[index(truth)][index(got)] += 1;
        if got != truth {
            m.wrong.push((text.to_owned(), truth, got));
        }
    }
    m
}

impl Metrics {
    /// (precision, recall, F1) of a class.
    pub fn scores(&self, c: Class) -> (f64, f64, f64) {
        let i = index(c);
        let tp = self.confusion[i][i] as f64;
        let predicted: usize = (0..4).map(|t| self.confusion[t][i]).sum();
        let actual: usize = self.confusion[i].iter().sum();
        let p = if predicted == 0 {
            0.0
        } else {
            tp / predicted as f64
        };
        let r = if actual == 0 { 0.0 } else { tp / actual as f64 };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    pub fn macro_f1(&self) -> f64 {
        Class::ALL.iter().map(|c| self.scores(*c).2).sum::<f64>() / 4.0
    }

    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<15} {:>9} {:>7} {:>6} {:>5}\n",
            "class", "precision", "recall", "F1", "n"
        );
        for c in Class::ALL {
            let (p, r, f) = self.scores(c);
            let n: usize = self.confusion[index(c)].iter().sum();
            out.push_str(&format!(
                "{:<15} {:>9.3} {:>7.3} {:>6.3} {:>5}\n",
                c.as_str(),
                p,
                r,
                f,
                n
            ));
        }
        out.push_str(&format!(
            "macro F1 {:.3} over {} replies\n",
            self.macro_f1(),
            self.rows
        ));
        out.push_str(&format!(
            "language: {} right, {} wrong, {} not told (emoji, ok)\n",
            self.lang[0], self.lang[1], self.lang[2]
        ));
        out.push_str(
            "confusion (rows: truth; columns: interested, not_interested, question, unknown)\n",
        );
        for c in Class::ALL {
            let row = self.confusion[index(c)];
            out.push_str(&format!(
                "  {:<15} {:>4} {:>4} {:>4} {:>4}\n",
                c.as_str(),
                row[0],
                row[1],
                row[2],
                row[3]
            ));
        }
        for (text, truth, got) in &self.wrong {
            out.push_str(&format!(
                "  wrong: {text:?} is {} but was classed {}\n",
                truth.as_str(),
                got.as_str()
            ));
        }
        out
    }
}
