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
}

#[test]
fn false_friends() {
    assert_eq!(class("no problem"), Class::Unknown);
    assert_eq!(class("No worries!"), Class::Unknown);
    assert_eq!(class("no hay problema"), Class::Unknown);
    assert_eq!(class("why not"), Class::Interested);
    assert_eq!(class("¿Por qué no?"), Class::Interested);
    assert_eq!(class("sin duda"), Class::Interested);
    assert_eq!(class("no sé"), Class::Unknown);
    assert_eq!(class("not now"), Class::NotInterested);
    // "no" inside a question does not refuse.
    assert_eq!(class("is there no discount?"), Class::Question);
}

#[test]
fn precedence_refusal_then_interest_then_question() {
    assert_eq!(
        class("no thanks, how much is the other one?"),
        Class::NotInterested
    );
    assert_eq!(class("yes! when can I pick it up?"), Class::Interested);
    assert_eq!(class("¿Cuánto cuesta?"), Class::Question);
    assert_eq!(class("what time do you close today"), Class::Question);
}

#[test]
fn emoji_and_buttons() {
    assert_eq!(class("👍"), Class::Interested);
    assert_eq!(class("👎👎"), Class::NotInterested);
    assert_eq!(class("🤔"), Class::Question);
    assert_eq!(
        class("Thanks! 👍"),
        Class::Unknown,
        "thanks with a thumb is an acknowledgement"
    );
    let tap = |payload, text| classify(Input::Button { payload, text });
    assert_eq!(tap("STOP", "Stop promotions").class, Class::NotInterested);
    assert_eq!(tap("INTERESTED", "I'm interested").class, Class::Interested);
    assert_eq!(tap("shop-offer-7", "Tell me more?").class, Class::Question);
    assert_eq!(tap("shop-offer-7", "Tell me more?").rule, "question");
    let row = classify(Input::ListReply {
        id: "yes",
        title: "Sí",
    });
    assert_eq!((row.class, row.rule), (Class::Interested, "list row id"));
}

#[test]
fn names_round_trip() {
    for c in Class::ALL {
        assert_eq!(Class::parse(c.as_str()), Some(c));
    }
}
