use super::*;

fn class(text: &str) -> Class {
    classify(Input::Text(text)).class
}

#[test]
fn negation_turns_interest_around() {
    assert_eq!(class("me interesa"), Class::Interested);
    assert_eq!(class("No me interesa"), Class::NotInterested);
    assert_eq!(class("no estoy muy interesado"), Class::NotInterested);
    assert_eq!(class("not really interested"), Class::NotInterested);
    assert_eq!(class("I don't want it"), Class::NotInterested);
    assert_eq!(class("ya no lo quiero"), Class::NotInterested);
    assert_eq!(class("tampoco me interesa"), Class::NotInterested);
    assert_eq!(class("nunca me interesó"), Class::NotInterested);
    assert_eq!(class("I never wanted this"), Class::NotInterested);
    let v = classify(Input::Text("I do not want it"));
    assert_eq!((v.rule, v.cue), (Rule::NegatedInterest, Some("want")));
    // A negation in another clause does not reach: a correction.
    assert_eq!(class("No, I want two"), Class::Interested);
    assert_eq!(class("no, quiero el azul"), Class::Interested);
    assert_eq!(class("No, gracias"), Class::NotInterested);
    assert_eq!(class("nada, gracias"), Class::NotInterested);
    // A negative question is a question.
    assert_eq!(class("¿no tienen en rojo?"), Class::Question);
    assert_eq!(class("no es muy caro?"), Class::Question);
}

#[test]
fn false_friends() {
    for unknown in [
        "no problem",
        "No worries!",
        "no hay problema",
        "no te preocupes",
        "no sé",
        "not sure",
        "ok",
        "vale",
        "k",
    ] {
        assert_eq!(class(unknown), Class::Unknown, "{unknown}");
    }
    for yes in [
        "why not",
        "¿Por qué no?",
        "sin duda",
        "claro que sí",
        "cómo no",
        "sure thing",
    ] {
        assert_eq!(class(yes), Class::Interested, "{yes}");
    }
    for no in [
        "not now",
        "claro que no",
        "definitely not",
        "ahora no",
        "I'll pass",
    ] {
        assert_eq!(class(no), Class::NotInterested, "{no}");
    }
    // Words that are a yes or a no only where they stand.
    assert_eq!(class("¿cuánto vale?"), Class::Question, "vale: costs");
    assert_eq!(class("¿cuándo va a llegar?"), Class::Question, "va: goes");
    assert_eq!(
        class("si pago hoy, ¿llega mañana?"),
        Class::Question,
        "si: if"
    );
    assert_eq!(
        class("¿tienen azul claro?"),
        Class::Question,
        "claro: light"
    );
    assert_eq!(class("super caro"), Class::NotInterested);
    assert_eq!(
        class("me interesaría si baja el precio"),
        Class::Interested,
        "baja: lowers"
    );
    assert_eq!(class("I'll stop by tomorrow"), Class::Interested);
    assert_eq!(class("paso a recogerlo mañana"), Class::Interested);
    assert_eq!(class("paso, gracias"), Class::NotInterested);
    assert_eq!(class("can I cancel later?"), Class::Question);
    assert_eq!(class("quiero saber el precio"), Class::Question);
    assert_eq!(class("is there no discount?"), Class::Question);
}

#[test]
fn precedence() {
    assert_eq!(
        class("no thanks, how much is the other one?"),
        Class::NotInterested
    );
    assert_eq!(class("STOP. Is this a scam?"), Class::NotInterested);
    assert_eq!(class("yes! when can I pick it up?"), Class::Interested);
    assert_eq!(
        class("I love it but it's too expensive"),
        Class::NotInterested
    );
    assert_eq!(class("expensive, but ok I'll take it"), Class::Interested);
    assert_eq!(class("perfect, when can I come?"), Class::Question);
    assert_eq!(class("maybe, how much?"), Class::Question);
    assert_eq!(class("I'm not sure I'm interested"), Class::Unknown);
    assert_eq!(
        class("Thanks! 👍"),
        Class::Unknown,
        "thanks with a thumb: an acknowledgement"
    );
    assert_eq!(class("see you then 👍"), Class::Interested);
}

#[test]
fn emoji_and_buttons() {
    assert_eq!(class("👍"), Class::Interested);
    assert_eq!(class("👍🏽"), Class::Interested);
    assert_eq!(class("👎👎"), Class::NotInterested);
    assert_eq!(class("🤔"), Class::Question);
    assert_eq!(class("?"), Class::Question);
    assert_eq!(class("👀"), Class::Unknown);
    let tap = |payload, text| classify(Input::Button { payload, text });
    assert_eq!(tap("STOP", "Stop promotions").class, Class::NotInterested);
    assert_eq!(
        tap("INTERESTED", "I'm interested").rule,
        Rule::ButtonPayload
    );
    assert_eq!(
        tap("promo-12:not-interested", "No").cue,
        Some("not_interested")
    );
    assert_eq!(tap("shop-offer-7", "Tell me more").class, Class::Question);
    assert_eq!(tap("shop-offer-7", "Tell me more").rule, Rule::Question);
    let row = classify(Input::ListReply {
        id: "yes",
        title: "Sí",
    });
    assert_eq!(
        (row.class, row.rule, row.lang),
        (Class::Interested, Rule::ListRowId, Some(Lang::Es))
    );
}

#[test]
fn language() {
    let lang = |t| classify(Input::Text(t)).lang;
    assert_eq!(lang("No me interesa"), Some(Lang::Es));
    assert_eq!(lang("not interested, thanks"), Some(Lang::En));
    assert_eq!(lang("ok"), None);
    assert_eq!(lang("👍"), None);
    assert_eq!(lang("¿?"), Some(Lang::Es));
}

#[test]
fn names_round_trip_and_serialise() {
    for c in Class::ALL {
        assert_eq!(Class::parse(c.as_str()), Some(c));
    }
    let v = classify(Input::Text("no gracias"));
    let json = serde_json::to_string(&v).expect("json");
    assert_eq!(
        json,
        r#"{"class":"not_interested","rule":"refusal","lang":"es","cue":"no gracias"}"#
    );
}
