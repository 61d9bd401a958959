import { describe, expect, test } from "vitest";
import { DAY, HOUR, NOW, NOW_S } from "../test/fixtures";
import {
  dayKey,
  displayName,
  foldForSearch,
  formatChatTime,
  formatDayLabel,
  formatPhone,
  formatTime,
  hashIndex,
  initials,
  messageSummary,
  reactionSummary,
  formatWindowLeft,
  windowSecondsLeft,
} from "./format";

// Tests run with TZ=UTC; NOW is Wednesday 5 March 2025, 14:05.
const at = (y: number, mo: number, d: number, h = 12, mi = 0) => Date.UTC(y, mo - 1, d, h, mi) / 1000;

describe("times", () => {
  test("formatTime is the time of day in the locale", () => {
    expect(formatTime(NOW_S, "en-GB")).toBe("14:05");
    expect(formatTime(at(2025, 3, 5, 9, 7), "en-GB")).toBe("09:07");
    expect(formatTime(NOW_S, "en-US")).toMatch(/^2:05\sPM$/);
  });

  test("formatChatTime: time today, Yesterday, weekday this week, else a date", () => {
    expect(formatChatTime(at(2025, 3, 5, 0, 1), NOW, "en-GB")).toBe("00:01");
    expect(formatChatTime(at(2025, 3, 4, 23, 59), NOW, "en-GB")).toBe("Yesterday");
    expect(formatChatTime(at(2025, 3, 3), NOW, "en-GB")).toBe("Monday");
    expect(formatChatTime(at(2025, 2, 27), NOW, "en-GB")).toBe("Thursday");
    expect(formatChatTime(at(2025, 2, 26), NOW, "en-GB")).toBe("26/02/2025");
    expect(formatChatTime(at(2023, 12, 25), NOW, "en-GB")).toBe("25/12/2023");
  });

  test("formatDayLabel: Today, Yesterday, a weekday and date, the year when not this one", () => {
    expect(formatDayLabel(NOW_S - HOUR, NOW, "en-GB")).toBe("Today");
    expect(formatDayLabel(NOW_S - DAY, NOW, "en-GB")).toBe("Yesterday");
    expect(formatDayLabel(at(2025, 3, 3), NOW, "en-GB")).toMatch(/^Monday,? 3 March$/);
    expect(formatDayLabel(at(2024, 11, 8), NOW, "en-GB")).toMatch(/^Friday,? 8 November 2024$/);
  });

  test("dayKey identifies the local calendar day", () => {
    expect(dayKey(at(2025, 3, 5, 0, 0))).toBe("2025-03-05");
    expect(dayKey(at(2025, 3, 5, 23, 59))).toBe("2025-03-05");
    expect(dayKey(at(2025, 3, 6, 0, 0))).toBe("2025-03-06");
  });
});

describe("phone numbers and names", () => {
  test("formatPhone groups a wa_id after its country code", () => {
    expect(formatPhone("15550100001")).toBe("+1 555 010 0001");
    expect(formatPhone("447700900123")).toBe("+44 770 090 0123");
    expect(formatPhone("351912345678")).toBe("+351 912 345 678");
    expect(formatPhone("+5511987654321")).toBe("+55 119 8765 4321");
    expect(formatPhone("not a number")).toBe("not a number");
    expect(formatPhone("123")).toBe("123");
  });

  test("displayName prefers the profile name, else the number", () => {
    expect(displayName("Ana Lima", "15550100001")).toBe("Ana Lima");
    expect(displayName("  ", "15550100001")).toBe("+1 555 010 0001");
    expect(displayName(null, "15550100001")).toBe("+1 555 010 0001");
  });

  test("initials take the first and last words' first letters", () => {
    expect(initials("Ana Lima")).toBe("AL");
    expect(initials("chloé")).toBe("C");
    expect(initials("Maria da Silva Santos")).toBe("MS");
    expect(initials("  (Ben)  ")).toBe("B");
    expect(initials("Émile Zola")).toBe("ÉZ");
    expect(initials(null)).toBeNull();
    expect(initials("   ")).toBeNull();
  });

  test("hashIndex is stable and in range", () => {
    expect(hashIndex("15550100001", 8)).toBe(hashIndex("15550100001", 8));
    for (const id of ["1", "15550100001", "447700900123"]) {
      const i = hashIndex(id, 8);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(8);
    }
  });

  test("foldForSearch ignores case and accents", () => {
    expect(foldForSearch("Chloé")).toBe("chloe");
    expect(foldForSearch("ÅSA")).toBe("asa");
  });
});

describe("messageSummary", () => {
  test("no message kind ever reads as raw [type] text", () => {
    for (const type of ["image", "audio", "reaction", "sticker", "unsupported", "ephemeral", "gizmo", "template", "button"]) {
      for (const text of [null, "hi"]) {
        expect(messageSummary({ type, text })).not.toMatch(/\[\w+\]/);
      }
    }
    expect(messageSummary({ type: "gizmo", text: null })).toBe("Message");
  });

  test("a reaction reads as a sentence naming the message", () => {
    const content = { kind: "reaction" as const, emoji: "👍", target_wamid: "wamid.1", target_text: "See you at 5", target_kind: "text" };
    expect(messageSummary({ type: "reaction", text: null, content })).toBe("Reacted 👍 to “See you at 5”");
    // A message without words is named in the window's language, never by the engine.
    expect(reactionSummary({ ...content, target_text: null, target_kind: "image" }, "You")).toBe("You reacted 👍 to “📷 Photo”");
    expect(reactionSummary(content, "You")).toBe("You reacted 👍 to “See you at 5”");
    expect(reactionSummary({ ...content, emoji: "❤️", target_text: null, target_kind: null }, "Ana")).toBe("Ana reacted ❤️ to a message");
    expect(reactionSummary({ ...content, emoji: "" }, "Ana")).toBe("Ana removed a reaction to “See you at 5”");
    const long = "a".repeat(60);
    expect(reactionSummary({ ...content, target_text: long }, "You")).toBe(`You reacted 👍 to “${"a".repeat(39)}…”`);
  });

  test("text is itself; other types get a readable placeholder", () => {
    expect(messageSummary({ type: "text", text: "Do you have blue mugs?" })).toBe("Do you have blue mugs?");
    expect(messageSummary({ type: "image", text: "the blue one" })).toBe("📷 Photo: the blue one");
    expect(messageSummary({ type: "audio", text: null })).toBe("🎵 Audio");
    expect(messageSummary({ type: "text", text: null })).toBe("");
  });

  test("media and other content read as a few words", () => {
    const media = { kind: "image", mime_type: "image/jpeg", filename: null, size: null, state: "ready", error: null, hold: null, voice: false, animated: false } as const;
    expect(messageSummary({ type: "image", text: "the blue one", media })).toBe("📷 Photo the blue one");
    expect(messageSummary({ type: "audio", text: null, media: { ...media, kind: "audio", voice: true } })).toBe("🎵 Voice message");
    expect(messageSummary({ type: "document", text: null, media: { ...media, kind: "document", filename: "Prices.pdf" } })).toBe("📄 Prices.pdf");
    const location = { kind: "location", latitude: 1, longitude: 2, name: "Market", address: null, map_url: "x" } as const;
    expect(messageSummary({ type: "location", text: null, content: location })).toBe("📍 Market");
    expect(messageSummary({ type: "button", text: "Yes", content: { kind: "interactive_reply", id: null, title: "Yes", description: null } })).toBe("↩ Yes");
  });
});

describe("the 24-hour window", () => {
  const now = new Date("2026-03-04T12:00:00Z");
  const at = (hoursAgo: number) => Math.floor(now.getTime() / 1000) - hoursAgo * 3600;

  test("seconds left count from the customer's last message", () => {
    expect(windowSecondsLeft(at(1), now)).toBe(23 * 3600);
    expect(windowSecondsLeft(at(24), now)).toBe(0);
    expect(windowSecondsLeft(at(30), now)).toBe(0);
    expect(windowSecondsLeft(null, now)).toBe(0);
  });

  test("labels are rough and readable", () => {
    expect(formatWindowLeft(23 * 3600 + 59 * 60)).toBe("23 h left");
    expect(formatWindowLeft(45 * 60 + 10)).toBe("45 min left");
    expect(formatWindowLeft(30)).toBe("under a minute left");
  });
});
