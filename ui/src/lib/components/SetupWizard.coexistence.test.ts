import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import * as api from "../../api";
import { fakeBackend, settle } from "../../test/fakeBackend";
import { connectionCheck, setupState } from "../../test/fixtures";
import SetupWizard from "./SetupWizard.svelte";

async function testNumber(onBusinessApp: boolean) {
  fakeBackend({
    setup_state: () => setupState(),
    test_connection: () => ({ result: "ok", check: connectionCheck({ on_business_app: onBusinessApp }) }),
    tunnel_state: () => ({ state: "connecting", attempt: 1 }),
  });
  vi.spyOn(api.windowControl, "reload").mockImplementation(() => {});
  const user = userEvent.setup();
  render(SetupWizard, { onclose: vi.fn() });
  await settle();
  await user.click(screen.getByTestId("setup-next"));
  await settle();
  await user.type(screen.getByTestId("setup-access-token"), "EAAGtoken");
  await user.type(screen.getByTestId("setup-phone-number-id"), "106540352242922");
  await user.type(screen.getByTestId("setup-waba-id"), "102290129340398");
  await user.click(screen.getByTestId("setup-test-connection"));
  await settle();
  return screen.getByTestId("setup-connection-result");
}

describe("a number that is also on the WhatsApp Business app", () => {
  test("the wizard explains what changes: 20 a second, groups on the phone, open the app every 14 days", async () => {
    const result = await testNumber(true);
    const notice = within(result).getByTestId("setup-business-app");
    expect(notice).toHaveTextContent("also on the WhatsApp Business app");
    expect(within(notice).getByTestId("setup-business-app-rate")).toHaveTextContent("20 messages per second (instead of 80)");
    expect(notice).toHaveTextContent("Groups and broadcast lists stay on the phone");
    expect(within(notice).getByTestId("setup-business-app-14-days")).toHaveTextContent("at least once every 14 days");
    expect(notice).toHaveTextContent('marked "sent from the phone"');
  });

  test("a number only on the Cloud API shows no such notice", async () => {
    const result = await testNumber(false);
    expect(within(result).queryByTestId("setup-business-app")).toBeNull();
  });
});
