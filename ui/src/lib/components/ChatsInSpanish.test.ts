// The chats' screens in Spanish: the owner chose Spanish, and every word a person reads follows
// (the other component tests run in English, the default).
import { render, screen, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { chat, DAY, media, message, NOW, NOW_S, setupState } from "../../test/fixtures";
import { toApiError } from "../../api";
import { formatAgo } from "../diagnostics";
import { formatChatTime, formatDayLabel, messageSummary } from "../format";
import { formatBytes } from "../media";
import { i18n } from "../i18n/index.svelte";
import { ChatsStore } from "../stores/chats.svelte";
import { describeOutbox } from "../stores/outbox.svelte";
import ChatList from "./ChatList.svelte";
import Composer from "./Composer.svelte";
import DaySeparator from "./DaySeparator.svelte";
import MediaStatus from "./MediaStatus.svelte";
import SetupWizard from "./SetupWizard.svelte";

beforeEach(() => i18n.choose("es"));
afterEach(() => i18n.choose(null));

async function chatList(list: ReturnType<typeof chat>[], sandbox = false) {
  fakeBackend({ list_chats: () => list });
  const chats = new ChatsStore();
  const stop = chats.connect();
  render(ChatList, { chats, selected: null, onselect: vi.fn(), sandbox });
  await chats.load();
  await settle();
  return stop;
}

describe("in Spanish", () => {
  test("an empty chat list says so, and the search box asks in Spanish", async () => {
    const stop = await chatList([]);
    const empty = screen.getByTestId("empty-state");
    expect(empty).toHaveTextContent("Aún no hay chats");
    expect(empty).toHaveTextContent("Cuando un cliente le escriba a tu número de WhatsApp");
    expect(screen.getByTestId("chat-search")).toHaveAttribute("placeholder", "Buscar chats y mensajes");
    expect(screen.getByRole("combobox", { name: "Filtrar por respuesta" })).toHaveTextContent("Le interesa");
    stop();
  });

  test("a chat row: the shop's own message, its ticks, a photo, the unread count", async () => {
    const stop = await chatList([
      chat({
        wa_id: "15550100002",
        name: "Beto",
        last_message: message({ id: 3, contact: "15550100002", direction: "out", status: "delivered", text: "¡Sí, quedan 12!" }),
      }),
      chat({
        wa_id: "15550100004",
        name: "Uma",
        unread: 3,
        last_message: message({ id: 2, contact: "15550100004", type: "image", text: "esta", timestamp: NOW_S - 60 }),
      }),
    ]);
    const [beto, uma] = screen.getAllByTestId("chat-row").map((row) => within(row));
    expect(beto!.getByTestId("chat-preview")).toHaveTextContent("Tú: ¡Sí, quedan 12!");
    expect(beto!.getByRole("img", { name: "Entregado" })).toBeInTheDocument();
    expect(uma!.getByTestId("chat-preview")).toHaveTextContent("📷 Foto: esta");
    expect(uma!.getByTestId("chat-unread")).toHaveAccessibleName("3 sin leer");
    stop();
  });

  test("the composer: its placeholder, the reply window, a closed window", () => {
    const { unmount } = render(Composer, { onsend: vi.fn(), lastInboundAt: NOW_S - 3600 });
    expect(screen.getByTestId("composer-input")).toHaveAttribute("placeholder", "Escribe un mensaje");
    expect(screen.getByTestId("window-left")).toHaveTextContent("Ventana para responder: quedan 23 h");
    expect(screen.getByRole("button", { name: "Enviar" })).toBeInTheDocument();
    unmount();
    render(Composer, { onsend: vi.fn(), lastInboundAt: null });
    expect(screen.getByTestId("window-closed")).toHaveTextContent("La ventana de 24 horas está cerrada.");
    expect(screen.getByTestId("window-closed")).toHaveTextContent("Este cliente todavía no ha escrito.");
  });

  test("a file on its way, and one that could not be downloaded", () => {
    const { unmount } = render(MediaStatus, { messageId: 1, media: media({ state: "downloading" }), direction: "in" });
    expect(screen.getByTestId("media-pending")).toHaveTextContent("Descargando…");
    unmount();
    render(MediaStatus, { messageId: 1, media: media({ state: "failed", error: "La URL expiró." }), direction: "in" });
    expect(screen.getByTestId("media-failed")).toHaveTextContent("No se pudo descargar el archivo: La URL expiró.");
    expect(screen.getByRole("button", { name: "Intentar de nuevo" })).toBeInTheDocument();
  });

  test("the Go live wizard's first step", async () => {
    fakeBackend({ setup_state: () => setupState(), tunnel_state: () => ({ state: "off" }) });
    render(SetupWizard, { onclose: vi.fn() });
    await settle();
    const wizard = screen.getByTestId("setup-wizard");
    expect(within(wizard).getByRole("heading", { level: 2 })).toHaveTextContent("Empezar en vivo con WhatsApp");
    expect(screen.getByTestId("setup-step-1")).toHaveTextContent("Paso 1 de 5:");
    expect(screen.getByTestId("setup-next")).toHaveTextContent("Siguiente");
    expect(screen.getByTestId("setup-close")).toHaveAccessibleName("Cerrar");
  });

  test("days, times and summaries are written in Spanish", () => {
    render(DaySeparator, { timestamp: NOW_S - 60 });
    expect(screen.getByTestId("day-separator")).toHaveTextContent("Hoy");
    expect(formatDayLabel(NOW_S - DAY, NOW)).toBe("Ayer");
    // Monday 3 March 2025 (NOW is Wednesday 5 March).
    expect(formatDayLabel(NOW_S - 2 * DAY, NOW)).toMatch(/^Lunes,? 3 de marzo$/);
    expect(formatDayLabel(NOW_S - 400 * DAY, NOW)).toMatch(/^Martes,? 30 de enero de 2024$/);
    expect(formatChatTime(NOW_S - 2 * DAY, NOW)).toBe("Lunes");
    expect(formatAgo(NOW.getTime() - 2 * 60_000, NOW.getTime())).toBe("hace 2 minutos");
    expect(messageSummary({ type: "order", text: null, content: { kind: "order", items: 1, text: null } })).toBe(
      "🛒 Pedido: 1 artículo",
    );
    expect(formatBytes(18_035_098)).toBe("17,2 MB");
    expect(describeOutbox({ pending: 1, in_flight: 1, failed: 1, unknown: 0 })).toBe("Bandeja de salida: enviando 2, 1 fallido");
    expect(toApiError(undefined).message).toBe("Algo salió mal. Inténtalo de nuevo.");
  });
});
