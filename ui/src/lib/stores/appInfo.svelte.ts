// The app's mode and addresses (`app_info`), loaded once at start.
import * as api from "../../api";
import type { ApiError } from "../../api";
import type { AppInfo } from "../../bindings/AppInfo";
import type { LoadStatus } from "./types";

export class AppInfoStore {
  info = $state<AppInfo | null>(null);
  status = $state<LoadStatus>("idle");
  error = $state<ApiError | null>(null);

  /** True in the sandbox (simulated customers); false live or while unknown. */
  isSandbox = $derived(this.info?.mode === "sandbox");

  async load(): Promise<void> {
    this.status = "loading";
    this.error = null;
    try {
      this.info = await api.appInfo();
      this.status = "ready";
    } catch (error) {
      this.error = api.toApiError(error);
      this.status = "error";
    }
  }
}
