// The contact panel's opt-in / opt-out words in English (spread into `en.ts`; `consent.es.ts`
// matches it key for key).
export const consentEn = {
  "consent.title": "Opt-in / opt-out",
  "consent.in": "Gets the shop's broadcasts.",
  "consent.out":
    "Opted out of broadcasts on {date}: {how, select, keyword {they asked to stop (STOP, BAJA…)} meta {WhatsApp refused a marketing message for them} owner {set by you} other {recorded}}.",
  "consent.hint": "Someone opted out is left out of marketing broadcasts; they can still write to you and you can answer.",
  "consent.opt_out": "Opt out of broadcasts",
  "consent.opt_in": "Opt back in",
};
