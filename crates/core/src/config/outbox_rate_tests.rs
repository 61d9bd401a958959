use super::*;

fn rate(value: Option<&str>) -> Result<Option<u32>, String> {
    OutboxSettings::default()
        .with_rate_from(|name| {
            assert_eq!(name, env::OUTBOX_RATE);
            value.map(str::to_owned)
        })
        .map(|s| s.rate_per_second.map(NonZeroU32::get))
        .map_err(|e| e.to_string())
}

#[test]
fn the_outbox_rate_is_80_by_default_up_to_1000_or_off() {
    assert_eq!(rate(None), Ok(Some(80)));
    assert_eq!(rate(Some("250")), Ok(Some(250)));
    assert_eq!(rate(Some("1000")), Ok(Some(1000)));
    assert_eq!(rate(Some(" off ")), Ok(None));
    for bad in ["0", "1001", "fast", "-5"] {
        let err = rate(Some(bad)).unwrap_err();
        assert!(err.contains("SHOPCHAT_OUTBOX_RATE"), "{err}");
        assert!(err.contains("1 to 1000"), "{err}");
    }
}
