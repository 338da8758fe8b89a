//! Two inputs, split at the first NUL byte: load both, compare, render every
//! format. Nothing may panic; every output must be well formed.
#![no_main]

use agreement_diff::render::{Format, render};
use agreement_diff::{LoadOptions, diff, load_str};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (a, b) = match data.iter().position(|&x| x == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, data),
    };
    let (Ok(a), Ok(b)) = (std::str::from_utf8(a), std::str::from_utf8(b)) else { return };
    let options = LoadOptions::default();
    let (Ok(old), Ok(new)) = (load_str(a, "old.yaml", &options), load_str(b, "new.yaml", &options)) else { return };
    let report = diff(&old, &new);
    for format in [Format::Text, Format::Markdown, Format::Summary] {
        assert!(!render(&report, format, true).is_empty());
    }
    let annotations = render(&report, Format::Github, false);
    assert_eq!(annotations.lines().count(), report.findings.len(), "one annotation per finding");
    let json = render(&report, Format::Json, false);
    let parsed: serde_json_check::Value = serde_json_check::from_str(&json).expect("valid JSON");
    assert_eq!(parsed["findings"].as_array().map(|f| f.len()), Some(report.findings.len()));
    // A version compared with itself has no findings.
    assert!(diff(&new, &new).findings.is_empty());
});
