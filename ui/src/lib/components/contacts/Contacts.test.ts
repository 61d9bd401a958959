import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import type { ContactEntry } from "../../../bindings/ContactEntry";
import type { ContactPanel as Panel } from "../../../bindings/ContactPanel";
import type { LabelView } from "../../../bindings/LabelView";
import type { QuickReplyView } from "../../../bindings/QuickReplyView";
import { fakeBackend, settle } from "../../../test/fakeBackend";
import { chat } from "../../../test/fixtures";
import { filterQuickReplies, insertReply, slashQuery, viewChats } from "../../contacts";
import { ChatsStore } from "../../stores/chats.svelte";
import { ContactsStore } from "../../stores/contacts.svelte";
import ChatList from "../ChatList.svelte";
import Composer from "../Composer.svelte";
import ContactPanel from "./ContactPanel.svelte";

const ANA = "15550100001";
const BEN = "15550100002";
const UMA = "15550100003";

function entry(fields: Partial<ContactEntry> & { wa_id: string }): ContactEntry {
  return {
    name: null,
    unread: 0,
    last_inbound_at: null,
    opted_out: false,
    custom_name: null,
    number: `+${fields.wa_id}`,
    labels: [],
    pinned: false,
    archived: false,
    blocked: false,
    marked_unread: false,
    notes: [],
    ...fields,
  };
}

const VIP: LabelView = { id: 1, name: "VIP", color: "#e74c3c", count: 1 };

function reply(fields: Partial<QuickReplyView> & { shortcut: string }): QuickReplyView {
  return { id: fields.shortcut.length, text: "", file: null, updated_at: 0, ...fields };
}

describe("the chat list's label filter and archived view", () => {
  const chats = [chat({ wa_id: ANA, name: "Ana" }), chat({ wa_id: BEN, name: "Ben" }), chat({ wa_id: UMA, name: "Uma" })];
  const entries = new Map([
    [ANA, entry({ wa_id: ANA, labels: ["VIP"] })],
    [BEN, entry({ wa_id: BEN, pinned: true })],
    [UMA, entry({ wa_id: UMA, archived: true, labels: ["vip"] })],
  ]);

  test("pinned chats come first; archived ones only in the archived view", () => {
    expect(viewChats(chats, entries, { label: "", archived: false }).map((c) => c.wa_id)).toEqual([BEN, ANA]);
    expect(viewChats(chats, entries, { label: "", archived: true }).map((c) => c.wa_id)).toEqual([UMA]);
  });

  test("a label keeps the chats that carry it, case aside", () => {
    expect(viewChats(chats, entries, { label: "vip", archived: false }).map((c) => c.wa_id)).toEqual([ANA]);
    expect(viewChats(chats, entries, { label: "VIP", archived: true }).map((c) => c.wa_id)).toEqual([UMA]);
    expect(viewChats(chats, entries, { label: "Wholesale", archived: false })).toEqual([]);
  });

  test("a chat with no entry yet is shown unlabelled", () => {
    const fresh = [chat({ wa_id: "15550109999" })];
    expect(viewChats(fresh, new Map(), { label: "", archived: false })).toHaveLength(1);
    expect(viewChats(fresh, new Map(), { label: "VIP", archived: false })).toHaveLength(0);
  });

  test("choosing a label in the list filters it; the owner's name replaces the profile name", async () => {
    fakeBackend({
      list_chats: () => chats,
      contact_entries: () => [...entries.values()].map((e) => (e.wa_id === ANA ? { ...e, custom_name: "Ana (the baker)" } : e)),
      labels: () => [VIP],
    });
    const store = new ChatsStore();
    const contacts = new ContactsStore();
    render(ChatList, { chats: store, selected: null, onselect: vi.fn(), contacts });
    await store.load();
    await contacts.load();
    await settle();
    const names = () => screen.getAllByTestId("chat-row").map((r) => r.textContent ?? "");
    expect(names()).toHaveLength(2);
    expect(names()[0]).toContain("Ben");
    expect(names()[1]).toContain("Ana (the baker)");
    const user = userEvent.setup();
    await user.selectOptions(screen.getByTestId("label-filter"), "VIP");
    expect(names()).toHaveLength(1);
    expect(names()[0]).toContain("Ana (the baker)");
    await user.click(screen.getByTestId("archived-view"));
    expect(names()).toHaveLength(1);
    expect(names()[0]).toContain("Uma");
  }, 30_000);

  test("Ctrl-click picks chats; a label goes on all of them at once", async () => {
    const backend = fakeBackend({
      list_chats: () => chats,
      contact_entries: () => [...entries.values()],
      labels: () => [VIP],
      set_label: () => 2,
    });
    const store = new ChatsStore();
    const contacts = new ContactsStore();
    const onselect = vi.fn();
    render(ChatList, { chats: store, selected: null, onselect, contacts });
    await store.load();
    await contacts.load();
    await settle();
    const user = userEvent.setup();
    const rows = screen.getAllByTestId("chat-row");
    await user.keyboard("{Control>}");
    await user.click(rows[0]!);
    await user.click(rows[1]!);
    await user.keyboard("{/Control}");
    expect(onselect).not.toHaveBeenCalled();
    const bar = screen.getByTestId("bulk-bar");
    expect(bar).toHaveTextContent("2 picked");
    await user.type(within(bar).getByTestId("bulk-label"), "Wholesale");
    await user.click(within(bar).getByTestId("bulk-label-add"));
    await settle();
    expect(backend.callsTo("set_label")).toEqual([{ contacts: [BEN, ANA], label: "Wholesale", on: true }]);
  }, 30_000);
});

describe("the contact panel", () => {
  const panel: Panel = {
    ...entry({
      wa_id: ANA,
      name: "Ana Lima",
      custom_name: "Ana (the baker)",
      number: "+1 555-010-0001",
      labels: ["VIP"],
      notes: [{ id: 7, text: "<b>Prefers pickup</b>", created_at: 1_700_000_000_000, updated_at: 1_700_000_000_000 }],
      last_inbound_at: 1_700_000_000,
    }),
    first_message_at: 1_690_000_000,
    last_message_at: 1_700_000_000,
    message_count: 12,
    customer: null,
    documents: [{ id: 3, kind: "invoice", number: "INV-2026-0001", total: "59.97", currency: "EUR", created_at: 0 }],
    opted_out_at: null,
    opted_out_via: null,
  };

  test("shows names, number, labels, notes as text, documents, and the opt-in", async () => {
    const backend = fakeBackend({
      contact_panel: () => panel,
      contact_entries: () => [],
      labels: () => [VIP],
      add_note: () => ({ id: 8, text: "Owes 10", created_at: 1, updated_at: 1 }),
      set_blocked: () => ({ ...panel, blocked: true }),
    });
    const contacts = new ContactsStore();
    await contacts.load();
    render(ContactPanel, { contact: ANA, contacts, onclose: vi.fn() });
    await settle();
    expect(screen.getByTestId("contact-panel-name")).toHaveTextContent("Ana (the baker)");
    expect(screen.getByText("WhatsApp profile: Ana Lima")).toBeInTheDocument();
    expect(screen.getByTestId("contact-panel-number")).toHaveTextContent("+1 555-010-0001");
    // A note is data: its markup is shown, never rendered.
    expect(screen.getByTestId("contact-notes")).toHaveTextContent("<b>Prefers pickup</b>");
    expect(screen.getByTestId("contact-notes").querySelector("b")).toBeNull();
    expect(screen.getByText("INV-2026-0001")).toBeInTheDocument();
    expect(screen.getByTestId("contact-panel-optin")).toHaveTextContent("Gets the shop's broadcasts.");
    expect(screen.getByTestId("contact-opt-out")).toHaveTextContent("Opt out of broadcasts");
    expect(screen.getByTestId("contact-panel-number")).toBeInTheDocument();

    const user = userEvent.setup();
    await user.type(screen.getByTestId("contact-new-note"), "Owes 10");
    await user.click(screen.getByTestId("contact-add-note"));
    await settle();
    expect(backend.callsTo("add_note")).toEqual([{ contact: ANA, text: "Owes 10" }]);

    await user.click(screen.getByTestId("contact-block"));
    await settle();
    expect(backend.callsTo("set_blocked")).toEqual([{ contact: ANA, on: true }]);
  });

  test("the owner opts a contact out by hand and back in; the panel says since when and how", async () => {
    // 2023-11-14, in the test's time zone: the date shown is the one the panel formats.
    const at = 1_700_000_000_000;
    let current: Panel = panel;
    const backend = fakeBackend({
      contact_panel: () => current,
      contact_entries: () => [],
      labels: () => [],
      set_opted_out: (args) => {
        const out = (args as { optedOut: boolean }).optedOut;
        current = { ...panel, opted_out: out, opted_out_at: out ? at : null, opted_out_via: out ? "owner" : null };
        return current;
      },
    });
    const contacts = new ContactsStore();
    render(ContactPanel, { contact: ANA, contacts, onclose: vi.fn() });
    await settle();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("contact-opt-out"));
    await settle();
    expect(backend.callsTo("set_opted_out")).toEqual([{ contact: ANA, optedOut: true }]);
    const status = screen.getByTestId("contact-panel-optin");
    expect(status).toHaveTextContent("Opted out of broadcasts on");
    expect(status).toHaveTextContent("2023");
    expect(status).toHaveTextContent("set by you");
    expect(screen.getByTestId("contact-opt-out")).toHaveTextContent("Opt back in");

    await user.click(screen.getByTestId("contact-opt-out"));
    await settle();
    expect(backend.callsTo("set_opted_out")).toEqual([
      { contact: ANA, optedOut: true },
      { contact: ANA, optedOut: false },
    ]);
    expect(screen.getByTestId("contact-panel-optin")).toHaveTextContent("Gets the shop's broadcasts.");
  });

  test("a customer's own STOP shows as theirs", async () => {
    fakeBackend({
      contact_panel: () => ({ ...panel, opted_out: true, opted_out_at: 1_700_000_000_000, opted_out_via: "keyword" }),
      contact_entries: () => [],
      labels: () => [],
    });
    render(ContactPanel, { contact: ANA, contacts: new ContactsStore(), onclose: vi.fn() });
    await settle();
    expect(screen.getByTestId("contact-panel-optin")).toHaveTextContent("they asked to stop (STOP, BAJA…)");
  });

  test("a refused block shows WhatsApp's reason", async () => {
    fakeBackend({
      contact_panel: () => panel,
      contact_entries: () => [],
      labels: () => [],
      set_blocked: () => {
        throw { code: "not_recent", message: "WhatsApp only lets a business block someone who wrote to it in the last 24 hours" };
      },
    });
    const contacts = new ContactsStore();
    render(ContactPanel, { contact: ANA, contacts, onclose: vi.fn() });
    await settle();
    await userEvent.setup().click(screen.getByTestId("contact-block"));
    await settle();
    expect(screen.getByTestId("contact-panel-error")).toHaveTextContent("last 24 hours");
  });
});

describe("the composer's / picker", () => {
  const replies = [
    reply({ shortcut: "hours", text: "We open 9-18, {{name}}." }),
    reply({ shortcut: "thanks", text: "Thank you!" }),
    reply({ shortcut: "ship", text: "We ship in 2 days (see hours)." }),
  ];

  test("the slash word is found and replaced; matches start with the query first", () => {
    expect(slashQuery("Hi /ho")).toBe("ho");
    expect(slashQuery("/")).toBe("");
    expect(slashQuery("a/b")).toBeNull();
    expect(slashQuery("no slash")).toBeNull();
    expect(insertReply("Hi /ho", "We open 9-18.")).toBe("Hi We open 9-18.");
    expect(filterQuickReplies(replies, "h").map((r) => r.shortcut)).toEqual(["hours", "thanks", "ship"]);
    expect(filterQuickReplies(replies, "ho").map((r) => r.shortcut)).toEqual(["hours", "ship"]);
  });

  test("typing / opens it, arrows move, Enter puts the reply filled for the customer, Escape closes", async () => {
    const backend = fakeBackend({
      quick_replies: () => replies,
      render_quick_reply: (args) => ({
        ...replies.find((r) => r.shortcut === (args as { shortcut: string }).shortcut)!,
        text: "We open 9-18, Ana.",
      }),
    });
    const onsend = vi.fn(async () => {});
    render(Composer, { onsend, contact: ANA });
    const user = userEvent.setup();
    const input = screen.getByTestId("composer-input") as HTMLTextAreaElement;
    await user.type(input, "/");
    await settle();
    expect(screen.getAllByTestId("quick-reply-option")).toHaveLength(3);
    await user.type(input, "ho");
    await waitFor(() => expect(screen.getAllByTestId("quick-reply-option")).toHaveLength(2));
    await user.keyboard("{ArrowDown}");
    expect(screen.getAllByTestId("quick-reply-option")[1]).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{ArrowUp}{Enter}");
    await settle();
    expect(backend.callsTo("render_quick_reply")).toEqual([{ shortcut: "hours", contact: ANA }]);
    expect(input.value).toBe("We open 9-18, Ana.");
    expect(onsend).not.toHaveBeenCalled();
    expect(screen.queryByTestId("quick-reply-picker")).toBeNull();

    await user.clear(input);
    await user.type(input, "/");
    await settle();
    expect(screen.getByTestId("quick-reply-picker")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("quick-reply-picker")).toBeNull();
  }, 30_000);

  test("without a chat's contact there is no picker", async () => {
    fakeBackend({ quick_replies: () => replies });
    render(Composer, { onsend: vi.fn() });
    await userEvent.setup().type(screen.getByTestId("composer-input"), "/");
    await settle();
    expect(screen.queryByTestId("quick-reply-picker")).toBeNull();
  });
});

describe("the quick replies' manager", () => {
  test("opened from the picker, it saves a reply and shows a refusal's reason", async () => {
    let saved: QuickReplyView[] = [];
    const backend = fakeBackend({
      quick_replies: () => saved,
      save_quick_reply: (args) => {
        const a = args as { shortcut: string; text: string };
        if (a.shortcut.includes(" ")) throw { code: "invalid_input", message: "a shortcut is 1 to 32 letters, digits, - or _" };
        const r = reply({ shortcut: a.shortcut, text: a.text });
        saved = [r];
        return r;
      },
    });
    render(Composer, { onsend: vi.fn(), contact: ANA });
    const user = userEvent.setup();
    await user.type(screen.getByTestId("composer-input"), "/");
    await settle();
    await user.click(screen.getByTestId("quick-reply-manage"));
    await user.type(screen.getByTestId("quick-reply-shortcut"), "two words");
    await user.type(screen.getByTestId("quick-reply-text"), "x");
    await user.click(screen.getByTestId("quick-reply-save"));
    await settle();
    expect(within(screen.getByTestId("quick-reply-manager")).getByRole("alert")).toHaveTextContent("a shortcut is");
    await user.clear(screen.getByTestId("quick-reply-shortcut"));
    await user.type(screen.getByTestId("quick-reply-shortcut"), "hours");
    await user.click(screen.getByTestId("quick-reply-save"));
    await settle();
    expect(backend.callsTo("save_quick_reply")[1]).toEqual({ shortcut: "hours", text: "x", file: null, dropFile: false, replace: false });
    expect(screen.getByTestId("quick-reply-manager")).toHaveTextContent("/hours");
  }, 30_000);
});
