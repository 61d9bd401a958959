// The "Go live" wizard's state: the form, which step shows, the connection test (only good for
// the values it tested), the verify token, Connect (`go_live`) and what follows it — the tunnel,
// pointing Meta here — and Disconnect. Nothing is saved before Connect.
import * as api from "../../api";
import type { ApiError, Unsubscribe } from "../../api";
import type { ConnectionCheck } from "../../bindings/ConnectionCheck";
import type { ConnectionProblem } from "../../bindings/ConnectionProblem";
import type { ConnectionResult } from "../../bindings/ConnectionResult";
import type { PointedAt } from "../../bindings/PointedAt";
import type { SetupState } from "../../bindings/SetupState";
import type { TunnelChoice } from "../../bindings/TunnelChoice";
import {
  buildGoLive,
  connectionKey,
  connectionProblems,
  emptyForm,
  FIELD_STEP,
  FORM_FIELD,
  formFromSettings,
  fieldOf,
  NO_SECRETS,
  placeProblems,
  problemsByField,
  savedSecrets,
  stepProblems,
  webhookUrl,
  type PlacedProblem,
  type Problems,
  type SetupField,
  type SetupForm,
  type Step,
} from "../setup";
import { TunnelStore } from "./tunnel.svelte";
import type { LoadStatus } from "./types";

type TextKey = keyof typeof FORM_FIELD;

export class SetupWizardStore {
  setup = $state<SetupState | null>(null);
  status = $state<LoadStatus>("idle");
  loadError = $state<ApiError | null>(null);

  form = $state<SetupForm>(emptyForm());
  step = $state<Step>(1);
  /** The furthest step reached (the step indicator and "Go to step" links go back, never past it). */
  reached = $state<Step>(1);

  saved = $derived(this.setup ? savedSecrets(this.setup.secrets) : NO_SECRETS);
  isLive = $derived(this.setup?.mode === "live");
  /** Nothing can be saved when the keystore does not work here. */
  canSave = $derived(this.setup !== null && this.setup.keystoreError === null);

  /** Fields left (blurred) once and steps where Next or Connect was tried show their problems. */
  #touched = $state<Partial<Record<SetupField, boolean>>>({});
  #attempted = $state<Partial<Record<Step, boolean>>>({});
  /** What the Rust side said about fields (from Connect), until the field is edited. */
  serverProblems = $state<Problems>({});

  clientProblems = $derived<Problems>({
    ...stepProblems(2, this.form, this.saved),
    ...stepProblems(3, this.form, this.saved),
    ...stepProblems(4, this.form, this.saved),
  });

  // The connection test.
  testing = $state(false);
  #tested = $state<{ key: string; result: ConnectionResult } | null>(null);
  testError = $state<ApiError | null>(null);
  /** The last test's answer, only while the fields it tested are unchanged. */
  testResult = $derived(this.#tested && this.#tested.key === connectionKey(this.form) ? this.#tested.result : null);
  testPassed = $derived(this.testResult?.result === "ok");
  /** A test ran, but with other values than the ones now in the fields. */
  testOutdated = $derived(this.#tested !== null && this.testResult === null);

  // The verify token.
  generating = $state(false);
  generateError = $state<ApiError | null>(null);

  // Connect.
  connecting = $state(false);
  connectError = $state<ApiError | null>(null);
  connectionProblem = $state<ConnectionProblem | null>(null);
  /** The Rust side's field problems from the last Connect, placed at their steps. */
  placed = $state<PlacedProblem[]>([]);
  /** Set once Connect saved everything: the app now runs live. */
  check = $state<ConnectionCheck | null>(null);
  live = $derived(this.check !== null);
  /** The public address as saved by Connect (later edits count only once connected again). */
  connected = $state<{ tunnel: TunnelChoice; ownUrl: string | null } | null>(null);

  // After Connect.
  readonly tunnel = new TunnelStore();
  pointing = $state(false);
  pointed = $state<PointedAt | null>(null);
  pointError = $state<ApiError | null>(null);

  // Disconnect.
  disconnecting = $state(false);
  disconnectError = $state<ApiError | null>(null);

  /** The public webhook URL to give Meta, once connected: the own URL's, or the tunnel's once it is online. */
  webhookUrl = $derived.by(() => {
    const connected = this.connected;
    if (!connected) return null;
    if (connected.tunnel === "none") return connected.ownUrl ? webhookUrl(connected.ownUrl) : null;
    return this.tunnel.state.state === "online" ? webhookUrl(this.tunnel.state.url) : null;
  });

  async load(): Promise<void> {
    this.status = "loading";
    this.loadError = null;
    try {
      const setup = await api.setupState();
      this.setup = setup;
      this.form = formFromSettings(setup.settings);
      this.status = "ready";
    } catch (error) {
      this.loadError = api.toApiError(error);
      this.status = "error";
    }
  }

  /** Follows the tunnel (shown once connected) until the returned function is called. */
  connect(): Unsubscribe {
    return this.tunnel.connect();
  }

  // -------------------------------------------------------------------------------------------
  // Fields

  /** Changes a text field; what the Rust side said about it no longer applies. */
  set(key: TextKey, value: string): void {
    this.form[key] = value;
    this.#forget(FORM_FIELD[key]);
  }

  setTunnel(choice: SetupForm["tunnel"]): void {
    this.form.tunnel = choice;
    this.#forget("own_url");
    this.#forget("ngrok_authtoken");
    this.#forget("ngrok_domain");
  }

  #forget(field: SetupField): void {
    if (this.serverProblems[field] !== undefined) {
      const rest = { ...this.serverProblems };
      delete rest[field];
      this.serverProblems = rest;
    }
  }

  /** The field was left: its problems show from now on. */
  touch(field: SetupField): void {
    this.#touched[field] = true;
  }

  /** What to show next to a field, if anything. */
  errorFor(field: SetupField): string | undefined {
    const shown = this.#touched[field] || this.#attempted[FIELD_STEP[field]];
    const client = shown ? this.clientProblems[field] : undefined;
    if (client !== undefined) return client;
    if (this.serverProblems[field] !== undefined) return this.serverProblems[field];
    const result = this.testResult;
    if (result?.result === "problem" && result.problem.field !== null && fieldOf(result.problem.field) === field) {
      return result.problem.message;
    }
    return undefined;
  }

  /** The connection test's problem when it names no field the wizard shows (no network, …). */
  generalTestProblem = $derived.by(() => {
    const result = this.testResult;
    if (result?.result !== "problem") return null;
    const field = result.problem.field === null ? null : fieldOf(result.problem.field);
    return field === null || FIELD_STEP[field] !== 2 ? result.problem : null;
  });

  // -------------------------------------------------------------------------------------------
  // Steps

  /** Whether Next can be pressed on the current step. */
  canAdvance = $derived.by(() => {
    switch (this.step) {
      case 2:
        return this.testPassed;
      case 4:
        return this.live;
      case 5:
        return false;
      default:
        return true;
    }
  });

  /** Goes on when the step is complete; else shows its problems. Resolves with whether it moved. */
  async next(): Promise<boolean> {
    const step = this.step;
    if (step === 5) return false;
    this.#attempted[step] = true;
    const problems = stepProblems(step, this.form, this.saved);
    const serverOnStep = Object.keys(this.serverProblems).some((f) => FIELD_STEP[f as SetupField] === step);
    if (Object.keys(problems).length > 0 || serverOnStep) return false;
    if (step === 2 && !this.testPassed) return false;
    if (step === 4 && !this.live) return false;
    this.#show((step + 1) as Step);
    if (this.step === 3) await this.#ensureVerifyToken();
    return true;
  }

  back(): void {
    if (this.step > 1) this.#show((this.step - 1) as Step);
  }

  /** Goes to a step already reached (the step indicator, "Go to step N"). */
  goTo(step: Step): void {
    if (step <= this.reached) this.#show(step);
  }

  #show(step: Step): void {
    this.step = step;
    if (step > this.reached) this.reached = step;
  }

  // -------------------------------------------------------------------------------------------
  // Step 2: the connection test

  async testConnection(): Promise<void> {
    this.#attempted[2] = true;
    const form = this.form;
    if (Object.keys(connectionProblems(form, this.saved)).length > 0) return;
    const key = connectionKey(form);
    this.testing = true;
    this.testError = null;
    try {
      const result = await api.testConnection(
        form.accessToken.trim() === "" ? null : form.accessToken.trim(),
        form.phoneNumberId.trim(),
        form.businessAccountId.trim() === "" ? null : form.businessAccountId.trim(),
      );
      this.#tested = { key, result };
    } catch (error) {
      this.#tested = null;
      this.testError = api.toApiError(error);
    } finally {
      this.testing = false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Step 3: the verify token

  async generateToken(): Promise<void> {
    this.generating = true;
    this.generateError = null;
    try {
      this.set("verifyToken", await api.generateVerifyToken());
    } catch (error) {
      this.generateError = api.toApiError(error);
    } finally {
      this.generating = false;
    }
  }

  /** On the first visit, a token is made unless one is saved or already there. */
  async #ensureVerifyToken(): Promise<void> {
    if (this.form.verifyToken === "" && !this.saved.verifyToken && !this.generating) await this.generateToken();
  }

  // -------------------------------------------------------------------------------------------
  // Step 4: Connect, the tunnel, pointing Meta here

  /** Problems from the last Connect that belong to another step than this one (or to none). */
  elsewhere = $derived(this.placed.filter((p) => p.step !== 4));

  async goLive(): Promise<void> {
    this.#attempted[4] = true;
    if (!this.canSave) return;
    if (Object.keys(stepProblems(4, this.form, this.saved)).length > 0) return;
    this.connecting = true;
    this.connectError = null;
    this.connectionProblem = null;
    this.placed = [];
    this.serverProblems = {};
    try {
      const request = buildGoLive(this.form);
      const outcome = await api.goLive(request);
      switch (outcome.result) {
        case "saved":
          this.check = outcome.check;
          this.connected = { tunnel: request.tunnel, ownUrl: request.ownUrl };
          this.pointed = null;
          this.pointError = null;
          await this.tunnel.load();
          break;
        case "invalid":
          this.placed = placeProblems(outcome.problems);
          this.serverProblems = problemsByField(this.placed);
          break;
        case "connection": {
          const { problem } = outcome;
          this.connectionProblem = problem;
          if (problem.field !== null) {
            this.placed = placeProblems([{ field: problem.field, message: problem.message }]);
            this.serverProblems = problemsByField(this.placed);
          }
          break;
        }
      }
    } catch (error) {
      this.connectError = api.toApiError(error);
    } finally {
      this.connecting = false;
    }
  }

  async pointMeta(): Promise<void> {
    this.pointing = true;
    this.pointError = null;
    this.pointed = null;
    try {
      const connected = this.connected;
      this.pointed = await api.pointMeta(connected?.tunnel === "none" ? connected.ownUrl : null);
    } catch (error) {
      this.pointError = api.toApiError(error);
    } finally {
      this.pointing = false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Disconnect

  /** Removes the credentials and goes back to the sandbox; the window reloads when it worked. */
  async disconnect(): Promise<void> {
    this.disconnecting = true;
    this.disconnectError = null;
    try {
      this.setup = await api.disconnect();
      api.reloadWindow();
    } catch (error) {
      this.disconnectError = api.toApiError(error);
    } finally {
      this.disconnecting = false;
    }
  }
}
