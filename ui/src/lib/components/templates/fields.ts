// What an input of the template editor says to assistive technology about its field's problems.
import type { TemplateProblem } from "../../../bindings/TemplateProblem";
import { fieldId, problemsAt } from "../../templateStudio";

/** `id`, `aria-invalid` and `aria-describedby` for the input of `field`. */
export function fieldAttrs(problems: readonly TemplateProblem[], field: string): Record<string, string | undefined> {
  const bad = problemsAt(problems, field).length > 0;
  return {
    id: fieldId(field),
    "aria-invalid": bad ? "true" : undefined,
    "aria-describedby": bad ? `${fieldId(field)}-problems` : undefined,
  };
}
