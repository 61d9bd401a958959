import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { fakeBackend, settle } from "../../../test/fakeBackend";
import { customer, fakeCustomers } from "../../../test/fakeCustomers";
import { chat, last, message } from "../../../test/fixtures";
import { CustomersStore } from "../../stores/customers.svelte";
import { ConversationStore } from "../../stores/conversation.svelte";
import Conversation from "../Conversation.svelte";
import MessageBubble from "../MessageBubble.svelte";
import Automations from "./Automations.svelte";
import CustomerList from "./CustomerList.svelte";
import CustomerRecord from "./CustomerRecord.svelte";
import LinkRequestPanel from "./LinkRequestPanel.svelte";

const ANA = "15550100001";

async function store(fake: ReturnType<typeof fakeCustomers>) {
  const backend = fakeBackend(fake.handlers);
  const customers = new CustomersStore();
  await customers.load();
  return { backend, customers };
}

describe("customers", () => {
  test("Link WhatsApp… shows the code and its QR code; once the customer links, the record says so", async () => {
    const fake = fakeCustomers([customer({ id: 1 })]);
    const { backend, customers } = await store(fake);
    const stop = customers.connect();
    render(CustomerRecord, { id: 1, customers, onsaved: vi.fn(), onchat: vi.fn() });
    await settle();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("link-whatsapp"));
    await settle();
    expect(screen.getByTestId("link-code")).toHaveTextContent("LINK 7K3M9 QRT2X");
    const qr = screen.getByRole("img", { name: /QR code/ });
    expect(qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
    expect(backend.callsTo("link_code")).toEqual([{ customer: "1" }]);

    // The customer sends the code: the bot links them with their message; the page follows.
    fake.customers[0] = { ...fake.customers[0]!, wa_id: ANA, linked_at: Date.now(), contact_name: "Ana" };
    await backend.emit("message://received", { type: "message_received", message: message({ contact: ANA, text: "LINK 7K3M9QRT2X" }) });
    await new Promise((r) => setTimeout(r, 300));
    await settle();
    expect(screen.getByTestId("customer-record")).toHaveAttribute("data-linked", "true");
    expect(screen.getByTestId("customer-linked")).toHaveTextContent("+1 555 010 0001");
    expect(screen.queryByTestId("link-code-panel")).toBeNull();

    await user.click(screen.getByTestId("unlink-customer"));
    await user.click(screen.getByTestId("confirm-unlink"));
    await settle();
    expect(backend.callsTo("unlink_customer")).toEqual([{ customer: "1" }]);
    expect(screen.getByTestId("customer-record")).toHaveAttribute("data-linked", "false");
    stop();
  });

  test("a new record is added; a bad one is refused with the reason", async () => {
    const fake = fakeCustomers();
    const { customers } = await store(fake);
    const onsaved = vi.fn();
    render(CustomerRecord, { id: null, customers, onsaved, onchat: vi.fn() });
    const user = userEvent.setup();
    await user.type(screen.getByTestId("customer-name"), "   ");
    await user.click(screen.getByTestId("save-customer"));
    await settle();
    expect(screen.getByTestId("customer-problem")).toHaveTextContent("a customer needs a name");
    await user.clear(screen.getByTestId("customer-name"));
    await user.type(screen.getByTestId("customer-name"), "Chloé Martin");
    await user.type(screen.getByTestId("customer-ref"), "C-7");
    await user.click(screen.getByTestId("save-customer"));
    await settle();
    expect(onsaved).toHaveBeenCalledWith(expect.objectContaining({ name: "Chloé Martin", ref: "C-7" }));
    expect(customers.customers.map((c) => c.name)).toEqual(["Chloé Martin"]);
  });

  test("the list: search, the requests with their count, the import report", async () => {
    const fake = fakeCustomers(
      [customer({ id: 1, name: "Ana Lima" }), customer({ id: 2, name: "Ben Okafor", ref: "C-2", wa_id: "15550100002" })],
      [{ id: 9, wa_id: "15550100003", masked: "+155•••••003", profile_name: "Chloé", text: "link", created_at: 0 }],
    );
    const { customers } = await store(fake);
    const onrequest = vi.fn();
    render(CustomerList, { customers, selected: null, onselect: vi.fn(), onnew: vi.fn(), onrequest });
    const user = userEvent.setup();
    expect(screen.getAllByTestId("customer-row")).toHaveLength(2);
    await user.type(screen.getByRole("searchbox", { name: "Search customers" }), "okafor");
    expect(screen.getAllByTestId("customer-row").map((r) => r.textContent)).toEqual([expect.stringContaining("Ben Okafor")]);
    const requests = screen.getByTestId("link-requests");
    expect(requests).toHaveTextContent("Asking to be linked 1");
    await user.click(within(requests).getByRole("button", { name: /Chloé/ }));
    expect(onrequest).toHaveBeenCalledWith(expect.objectContaining({ id: 9 }));

    const file = new File(["name\nAna\n"], "customers.csv", { type: "text/csv" });
    await user.upload(document.querySelector<HTMLInputElement>('input[type="file"]')!, file);
    await settle();
    expect(screen.getByTestId("import-report")).toHaveTextContent("2 added, 1 refused: line 3: a customer needs a name");
  });

  test("a request is approved by choosing the record", async () => {
    const request = { id: 9, wa_id: "15550100003", masked: "+155•••••003", profile_name: "Chloé", text: "link", created_at: 0 };
    const fake = fakeCustomers([customer({ id: 3, name: "Chloé Martin", ref: "C-3" })], [request]);
    const { backend, customers } = await store(fake);
    const ondone = vi.fn();
    render(LinkRequestPanel, { request, customers, ondone });
    const user = userEvent.setup();
    expect(screen.getByTestId("approve-request")).toBeDisabled();
    await user.selectOptions(screen.getByTestId("request-record"), "3");
    await user.click(screen.getByTestId("approve-request"));
    await settle();
    expect(backend.callsTo("approve_link_request")).toEqual([{ request: 9, customer: 3 }]);
    expect(ondone).toHaveBeenCalledWith(3);
    expect(customers.requests).toEqual([]);
  });

  test("Automations: hours and keywords saved, a refusal named, and a message tried", async () => {
    const fake = fakeCustomers();
    const backend = fakeBackend(fake.handlers);
    render(Automations, { onclose: vi.fn() });
    await settle();
    const user = userEvent.setup();
    const monday = screen.getByLabelText("Monday");
    await user.clear(monday);
    await user.type(monday, "9-5");
    await user.click(screen.getByTestId("save-automations"));
    await settle();
    expect(screen.getByRole("alert")).toHaveTextContent("is not a span like 09:00-13:30");
    await user.clear(monday);
    await user.type(monday, "09:00-13:30, 16:00-20:00");
    await user.click(screen.getByRole("button", { name: "Add a rule" }));
    await user.type(screen.getByLabelText("Keyword rule 1 phrases"), "opening hours, horario");
    await user.type(screen.getByLabelText("Keyword rule 1 reply"), "Mon–Fri 9–18");
    await user.click(screen.getByTestId("save-automations"));
    await settle();
    let saved = last(backend.callsTo("save_bot_config"))?.config as typeof fake.bot;
    expect(saved.hours.week[0]).toEqual(["09:00-13:30", "16:00-20:00"]);
    expect(saved.keywords).toEqual([{ phrases: ["opening hours", "horario"], reply: { type: "text", text: "Mon–Fri 9–18" } }]);

    // A rule that answers with the customer's latest invoice.
    await user.click(screen.getByRole("button", { name: "Add a rule" }));
    await user.type(screen.getByLabelText("Keyword rule 2 phrases"), "my bill");
    await user.selectOptions(screen.getByLabelText("Keyword rule 2 answers with"), "document");
    await user.selectOptions(screen.getByLabelText("Keyword rule 2 document"), "invoice");
    await user.click(screen.getByTestId("save-automations"));
    await settle();
    saved = last(backend.callsTo("save_bot_config"))?.config as typeof fake.bot;
    expect(saved.keywords[1]).toEqual({ phrases: ["my bill"], reply: { type: "document", kind: "invoice" } });

    await user.type(screen.getByTestId("try-text"), "Hola");
    await user.click(screen.getByTestId("try-bot"));
    await settle();
    expect(screen.getByTestId("try-result")).toHaveTextContent("Answered by the command start: “¡Hola! Soy el asistente de la tienda.”");
  });

  test("the conversation header names the linked record, else offers Link…", async () => {
    fakeBackend({ list_messages: () => [], mark_read: () => null });
    const conversation = new ConversationStore({ isFocused: () => true });
    const onlink = vi.fn();
    const onopencustomer = vi.fn();
    const view = render(Conversation, { conversation, chat: chat({ wa_id: ANA, name: "Ana" }), onsend: async () => {}, onlink, onopencustomer });
    await conversation.open(ANA);
    await settle();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("conversation-link"));
    expect(onlink).toHaveBeenCalled();
    await view.rerender({ linked: customer({ id: 1, name: "Ana Lima", ref: "C-0001", wa_id: ANA }) });
    expect(screen.getByTestId("conversation-linked")).toHaveTextContent("Ana Lima · C-0001");
    await user.click(screen.getByTestId("conversation-linked"));
    expect(onopencustomer).toHaveBeenCalledWith(1);
  });

  test("automatic replies and classified replies are tagged in the chat", async () => {
    fakeBackend();
    render(MessageBubble, { message: message({ direction: "out", auto: true, text: "Hello and welcome!" }) });
    expect(screen.getByTestId("auto-tag")).toHaveTextContent("automatic");
    await waitFor(() => expect(screen.queryByTestId("class-tag")).toBeNull());
  });
});

describe("the bot per customer, and template headers", () => {
  test("the conversation header mutes and unmutes the bot for this customer", async () => {
    const backend = fakeBackend({ list_messages: () => [], mark_read: () => null, bot_muted: () => false, set_bot_muted: () => null });
    const conversation = new ConversationStore({ isFocused: () => true });
    render(Conversation, { conversation, chat: chat({ wa_id: ANA, name: "Ana" }), onsend: async () => {}, onlink: vi.fn() });
    await conversation.open(ANA);
    await settle();
    const user = userEvent.setup();
    const mute = screen.getByTestId("conversation-mute");
    expect(mute).toHaveAttribute("aria-pressed", "false");
    await user.click(mute);
    await settle();
    expect(backend.callsTo("set_bot_muted")).toEqual([{ contact: ANA, muted: true }]);
    expect(screen.getByTestId("conversation-mute")).toHaveAttribute("aria-pressed", "true");
  });
});
