// The sections in Spanish: the contact panel, the document editor, the Statistics dashboard and a
// customer record render their words, numbers, money and dates in Spanish once it is chosen.
import { render, screen } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { ContactPanel as Panel } from "../../bindings/ContactPanel";
import type { Stats } from "../../bindings/Stats";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { customer, fakeCustomers } from "../../test/fakeCustomers";
import { fakeDocuments } from "../../test/fakeDocuments";
import { chat } from "../../test/fixtures";
import ContactPanel from "../components/contacts/ContactPanel.svelte";
import CustomerRecord from "../components/customers/CustomerRecord.svelte";
import DocumentEditor from "../components/documents/DocumentEditor.svelte";
import { documentStatusName, formatAmount, groupDecimal, kindName } from "../documents";
import { describeTier, numericIdProblem, ownUrlProblem, STEPS } from "../setup";
import StatisticsSection from "../stats/StatisticsSection.svelte";
import { ContactsStore } from "../stores/contacts.svelte";
import { CustomersStore } from "../stores/customers.svelte";
import { i18n } from "./index.svelte";

vi.mock("chart.js", () => {
  class Chart {
    static register() {}
    destroy() {}
  }
  return { Chart, BarController: {}, BarElement: {}, CategoryScale: {}, LinearScale: {}, Legend: {}, Tooltip: {} };
});
vi.mock("../pdf", () => ({ renderPdf: vi.fn(async () => [document.createElement("canvas")]) }));

const ANA = "15550100001";
const text = (id: string) => screen.getByTestId(id).textContent?.replace(/\s+/g, " ").trim() ?? "";

beforeEach(() => i18n.choose("es"));
afterEach(() => i18n.choose(null));

describe("in Spanish", () => {
  test("amounts keep every digit with Spanish separators; kinds, statuses and the wizard's checks are Spanish", () => {
    expect(groupDecimal("12345678901234567.89")).toBe("12.345.678.901.234.567,89");
    expect(groupDecimal("-1000.5")).toBe("-1000,5");
    expect(formatAmount("59.97", "MXN")).toBe("59,97 MXN");
    expect(kindName("delivery_note")).toBe("Nota de remisión");
    expect(documentStatusName("failed")).toBe("No enviado (falló)");
    expect(STEPS.map((s) => s.title)).toEqual(["Lo que necesitas", "Tu número de WhatsApp", "Seguridad del webhook", "Dirección pública", "Listo"]);
    expect(numericIdProblem("12-3", "ID de la app", true)).toBe("El ID de la app lleva solo dígitos.");
    expect(ownUrlProblem("http://tienda.example.com")).toMatch(/^Meta solo entrega a direcciones HTTPS/);
    expect(describeTier("TIER_1K")).toBe("1000 clientes al día");
    i18n.choose("en");
    expect(formatAmount("1234.5", "EUR")).toBe("1,234.5 EUR");
    expect(kindName("delivery_note")).toBe("Delivery note");
  });

  test("the contact panel", async () => {
    const panel: Panel = {
      wa_id: ANA,
      name: "Ana Lima",
      unread: 0,
      last_inbound_at: null,
      opted_out: false,
      opted_out_at: null,
      opted_out_via: null,
      custom_name: null,
      number: "+1 555-010-0001",
      labels: [],
      pinned: false,
      archived: false,
      blocked: false,
      marked_unread: false,
      notes: [],
      first_message_at: null,
      last_message_at: null,
      message_count: 1234,
      customer: null,
      documents: [{ id: 3, kind: "invoice", number: "INV-2026-0001", total: "1059.97", currency: "MXN", created_at: 0 }],
    };
    fakeBackend({ contact_panel: () => panel, contact_entries: () => [], labels: () => [] });
    const contacts = new ContactsStore();
    await contacts.load();
    render(ContactPanel, { contact: ANA, contacts, onclose: vi.fn() });
    await settle();
    expect(screen.getByRole("heading", { name: "Contacto" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Etiquetas" })).toBeInTheDocument();
    expect(screen.getByText("1234 en total")).toBeInTheDocument();
    expect(text("contact-panel")).toContain("INV-2026-0001 — 1059,97 MXN");
    expect(text("contact-panel-optin")).toBe("Recibe las difusiones de la tienda.");
    expect(text("contact-panel")).toContain("Nunca le ha escrito a la tienda.");
    expect(screen.getByTestId("contact-pin")).toHaveTextContent("Fijar");
    expect(screen.getByTestId("contact-add-note")).toHaveTextContent("Agregar nota");
  });

  test("the document editor", async () => {
    fakeBackend(fakeDocuments().handlers);
    render(DocumentEditor, { customers: [chat({ wa_id: ANA, name: "Ana" })], contact: ANA, onissued: vi.fn(), oncancel: vi.fn() });
    await settle();
    expect(screen.getByRole("heading", { name: "Nueva factura" })).toBeInTheDocument();
    expect(screen.getByLabelText("Descripción de la línea 1")).toHaveAttribute("placeholder", "Qué (escribe para elegir un producto)");
    expect(screen.getByLabelText("Cantidad de la línea 1")).toBeInTheDocument();
    expect(screen.getByTestId("issue-and-send")).toHaveTextContent("Emitir y enviar");
    expect(screen.getByRole("option", { name: "Nota de remisión" })).toBeInTheDocument();
  });

  test("the statistics dashboard", async () => {
    const stats: Stats = {
      from: "2026-11-02",
      to: "2026-11-03",
      per_day: [{ date: "2026-11-02", received: 15000, sent: 3 }],
      first_response: { answered: 1, median_seconds: 600, p90_seconds: 1800, business_hours: true },
      unanswered_chats: 1,
      rates: { sent: 5, delivered: 4, read: 2, failed: 1, delivery_rate: 0.8, read_rate: 0.4, failure_rate: 0.2 },
      busiest_hours: Array.from({ length: 7 }, (_, d) => Array.from({ length: 24 }, (_, h) => (d === 0 && h === 9 ? 2 : 0))),
      templates: [],
      broadcasts: [],
      documents: [{ month: "2026-11", kind: "invoice", currency: "MXN", count: 2, total: "12345.30" }],
      top_labels: [],
    };
    fakeBackend({ statistics: () => stats });
    render(StatisticsSection, { now: () => new Date(2026, 10, 30, 12) });
    await settle();
    expect(screen.getByRole("region", { name: "Estadísticas" })).toBeInTheDocument();
    expect(screen.getByTestId("stats-apply")).toHaveTextContent("Ver");
    expect(text("stats-per-day")).toContain("Mensajes por día");
    expect(text("stats-per-day")).toMatch(/15\.000 recibidos, 3 enviados/);
    expect(text("stats-first-response")).toContain("Mediana 10 min");
    expect(text("stats-first-response")).toContain("1 respondido, solo en horario de atención");
    expect(text("stats-rates")).toMatch(/Entregados 80\s%/);
    expect(screen.getByTitle("lun 9:00 – 2")).toBeInTheDocument();
    expect(text("stats-templates")).toContain("No se envió ninguna plantilla en estos días.");
    const cells = [...screen.getByTestId("stats-documents").querySelectorAll("tbody td")].map((td) => td.textContent);
    expect(cells).toEqual(["noviembre de 2026", "Factura", "2", "12.345,30 MXN"]);
    expect(screen.getByTestId("export-documents")).toHaveAccessibleName("Exportar los documentos emitidos como CSV");
  });

  test("a customer record", async () => {
    const fake = fakeCustomers([customer({ id: 1 })]);
    fakeBackend(fake.handlers);
    const customers = new CustomersStore();
    await customers.load();
    render(CustomerRecord, { id: 1, customers, onsaved: vi.fn(), onchat: vi.fn() });
    await settle();
    expect(screen.getByLabelText("Número de cliente")).toHaveValue("C-0001");
    expect(screen.getByTestId("save-customer")).toHaveTextContent("Guardar");
    expect(screen.getByTestId("link-whatsapp")).toHaveTextContent("Vincular WhatsApp…");
    expect(screen.getByRole("heading", { name: "Historial" })).toBeInTheDocument();
    expect(screen.getByText(/^Sin vincular\. El cliente demuestra/)).toBeInTheDocument();
  });
});
