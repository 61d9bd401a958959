//! What the shop answers, automatically, when a customer asks for their documents in the chat:
//! one catalogue per language.

use shopchat_documents::Lang;

/// The answers in one language.
pub struct Replies {
    /// None of that kind yet: `{kind}` is the kind's name in the sentence.
    pub none_of_kind: &'static str,
    /// No documents at all yet.
    pub none_at_all: &'static str,
    /// Above the list of several documents.
    pub choose: &'static str,
    /// The list's button.
    pub choose_button: &'static str,
    /// The kinds as the sentences name them.
    pub invoice: &'static str,
    pub quote: &'static str,
    pub receipt: &'static str,
}

const EN: Replies = Replies {
    none_of_kind: "We don't have a {kind} for you yet. We've let the shop know, and they'll send it here.",
    none_at_all: "We don't have any documents for you yet. We've let the shop know.",
    choose: "Here are your latest documents. Which one would you like?",
    choose_button: "Choose",
    invoice: "invoice",
    quote: "quote",
    receipt: "receipt",
};

const ES: Replies = Replies {
    none_of_kind: "Todavía no tenemos {kind} para ti. Se lo hemos dicho a la tienda y te lo enviará por aquí.",
    none_at_all: "Todavía no tenemos documentos para ti. Se lo hemos dicho a la tienda.",
    choose: "Estos son tus últimos documentos. ¿Cuál quieres?",
    choose_button: "Elegir",
    invoice: "una factura",
    quote: "un presupuesto",
    receipt: "un recibo",
};

impl Replies {
    pub fn for_lang(lang: Lang) -> &'static Replies {
        match lang {
            Lang::En => &EN,
            Lang::Es => &ES,
        }
    }

    /// "We don't have a receipt for you yet…"
    pub fn none_of(&self, kind: &str) -> String {
        let name = match kind {
            "quote" => self.quote,
            "receipt" => self.receipt,
            _ => self.invoice,
        };
        self.none_of_kind.replace("{kind}", name)
    }
}
