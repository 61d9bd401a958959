use super::*;

fn graph_body(code: i64) -> Vec<u8> {
    format!(r#"{{"error":{{"message":"m","type":"OAuthException","code":{code},"error_subcode":2494010,"error_data":{{"messaging_product":"whatsapp","details":"d"}},"fbtrace_id":"AbC"}}}}"#).into_bytes()
}

#[test]
fn every_documented_code_is_classified() {
    let cases = [
        (190, ErrorKind::Auth, false),
        (4, ErrorKind::RateLimited, true),
        (80007, ErrorKind::RateLimited, true),
        (130429, ErrorKind::RateLimited, true),
        (131056, ErrorKind::RateLimited, true),
        (131047, ErrorKind::OutsideWindow, false),
        (131026, ErrorKind::RecipientUnavailable, false),
        (131048, ErrorKind::SpamOrMarketingCap, false),
        (131049, ErrorKind::SpamOrMarketingCap, false),
        (132000, ErrorKind::Template, false),
        (132001, ErrorKind::Template, false),
        (132005, ErrorKind::Template, false),
        (132007, ErrorKind::Template, false),
        (132012, ErrorKind::Template, false),
        (132015, ErrorKind::Template, false),
        (131052, ErrorKind::Media, false),
        (131053, ErrorKind::Media, false),
        (100, ErrorKind::InvalidParameter, false),
        (131008, ErrorKind::InvalidParameter, false),
        (131009, ErrorKind::InvalidParameter, false),
        (1, ErrorKind::Server, true),
        (2, ErrorKind::Server, true),
        (131000, ErrorKind::Server, true),
    ];
    for (code, kind, retry) in cases {
        let e = GraphError::from_response(400, None, &graph_body(code));
        assert_eq!(e.kind, kind, "code {code}");
        assert_eq!(e.kind.is_retryable(), retry, "code {code}");
        assert_eq!(e.code, Some(code));
        assert_eq!(e.subcode, Some(2494010));
        assert_eq!(e.details.as_deref(), Some("d"));
        assert_eq!(e.fbtrace_id.as_deref(), Some("AbC"));
        assert_eq!(e.title, "OAuthException");
    }
}

#[test]
fn bare_http_failures() {
    let e = GraphError::from_response(503, Some(Duration::from_secs(7)), b"<html>down</html>");
    assert_eq!(e.kind, ErrorKind::Server);
    assert!(e.kind.is_retryable());
    assert_eq!(e.retry_after_secs, Some(7));
    assert_eq!(
        GraphError::from_response(401, None, b"").kind,
        ErrorKind::Auth
    );
    assert_eq!(
        GraphError::from_response(429, None, b"").kind,
        ErrorKind::RateLimited
    );
    assert_eq!(
        GraphError::from_response(404, None, b"").kind,
        ErrorKind::Other
    );
}

#[test]
fn only_answers_that_may_have_been_acted_on_are_uncertain() {
    let uncertain = |kind, status| {
        let mut e = GraphError::local(kind, "x");
        e.http_status = status;
        e.may_have_been_delivered()
    };
    assert!(uncertain(ErrorKind::Timeout, None));
    assert!(uncertain(ErrorKind::Interrupted, None));
    assert!(uncertain(ErrorKind::Decode, Some(200)));
    assert!(!uncertain(ErrorKind::Decode, None));
    assert!(!uncertain(ErrorKind::Network, None));
    assert!(!uncertain(ErrorKind::Server, Some(503)));
    assert!(!GraphError::from_response(500, None, b"").may_have_been_delivered());
}

#[test]
fn local_kinds_say_whether_a_retry_helps() {
    assert!(!ErrorKind::MediaLimit.is_retryable());
    assert!(ErrorKind::Integrity.is_retryable());
    assert!(ErrorKind::Network.is_retryable());
    assert!(ErrorKind::Timeout.is_retryable());
    assert!(!ErrorKind::Decode.is_retryable());
    assert_eq!(
        GraphError::local(ErrorKind::MediaLimit, "too big").to_string(),
        "File not accepted: too big"
    );
    assert_eq!(
        serde_json::to_value(ErrorKind::MediaLimit).unwrap(),
        serde_json::json!("media_limit")
    );
    assert_eq!(
        GraphError::from_response(403, None, b"").kind,
        ErrorKind::Auth
    );
}

#[test]
fn an_error_envelope_is_recognised_in_any_body() {
    let e = GraphError::from_error_body(200, &graph_body(131052)).unwrap();
    assert_eq!(e.kind, ErrorKind::Media);
    assert_eq!(e.http_status, Some(200));
    assert!(GraphError::from_error_body(200, b"\x89PNG\r\n").is_none());
    assert!(GraphError::from_error_body(200, br#"{"name":"a JSON file"}"#).is_none());
}

#[test]
fn display_is_readable() {
    let e = GraphError::from_response(400, None, &graph_body(131047));
    assert_eq!(e.to_string(), "OAuthException (131047): m — d");
}
