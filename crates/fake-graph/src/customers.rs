//! The simulated customers: who they are, what they write first, and what they answer.

/// A simulated customer.
#[derive(Debug, Clone, Copy)]
pub struct Customer {
    pub wa_id: &'static str,
    pub name: &'static str,
    /// What they write first, when the sandbox is seeded.
    pub opening: Option<&'static str>,
    /// Messages to them fail as undeliverable (131026), to show what a failure looks like.
    pub unreachable: bool,
}

/// The seeded customers (numbers in the fictional 555-01xx range).
pub const CUSTOMERS: &[Customer] = &[
    Customer {
        wa_id: "15550100001",
        name: "Ana Souza",
        opening: Some("Hi! Do you still have the blue ceramic mugs in stock?"),
        unreachable: false,
    },
    Customer {
        wa_id: "15550100002",
        name: "Ben Okafor",
        opening: Some("Hello, is my order #1042 ready for pick-up?"),
        unreachable: false,
    },
    Customer {
        wa_id: "15550100003",
        name: "Chloé Martin",
        opening: Some("Bonjour! What are your opening hours on Saturday?"),
        unreachable: false,
    },
    Customer {
        wa_id: "15550100009",
        name: "Uma (unreachable)",
        opening: None,
        unreachable: true,
    },
];

/// The simulated customer with this WhatsApp id, if there is one.
pub fn customer(wa_id: &str) -> Option<&'static Customer> {
    CUSTOMERS.iter().find(|c| c.wa_id == wa_id)
}

/// The name a message from `wa_id` carries: `name` if given, else the simulated customer's.
pub fn display_name<'a>(wa_id: &str, name: Option<&'a str>) -> &'a str {
    name.or_else(|| customer(wa_id).map(|c| c.name))
        .unwrap_or("Sandbox customer")
}

/// What simulated customers answer once they have read the shop's message.
const AUTO_REPLIES: &[&str] = &[
    "Thanks! 👍",
    "Great, see you then.",
    "Perfect, thank you!",
    "Could you tell me the price as well?",
];

/// The answer to the shop's message `wamid` (always the same one for the same message).
pub fn auto_reply_for(wamid: &str) -> &'static str {
    let h = wamid
        .bytes()
        .fold(0usize, |a, b| a.wrapping_mul(31).wrapping_add(b as usize));
    AUTO_REPLIES[h % AUTO_REPLIES.len()]
}
