import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, test } from "vitest";
import { i18n, t } from "../i18n/index.svelte";
import LanguagePicker from "./LanguagePicker.svelte";

afterEach(() => i18n.choose(null));

test("the owner switches the app to Spanish and back to the system's language", async () => {
  i18n.setSystem(["en-GB"]);
  const user = userEvent.setup();
  render(LanguagePicker);
  const select = screen.getByRole("combobox", { name: "Language" });
  expect(select).toHaveValue("system");
  await user.selectOptions(select, "es");
  expect(i18n.lang).toBe("es");
  expect(t("nav.chats")).toBe("Chats");
  expect(t("nav.documents")).toBe("Documentos");
  expect(screen.getByRole("combobox", { name: "Idioma" })).toHaveValue("es");
  await user.selectOptions(screen.getByRole("combobox", { name: "Idioma" }), "system");
  expect(i18n.lang).toBe("en");
});
