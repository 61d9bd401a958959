// Copying text for the owner to paste elsewhere (a verify token into Meta, a report into an email).

/**
 * Copies `text`: with the Clipboard API when the webview allows it, else through a hidden text
 * area and `execCommand("copy")`. Resolves with whether it worked.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied (no permission, the window not focused): try the old way.
  }
  return copyWithSelection(text);
}

function copyWithSelection(text: string): boolean {
  // Inside a modal dialog everything else is inert: the text area goes where the focus is.
  const host = document.activeElement?.closest("dialog") ?? document.body;
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.top = "0";
  area.style.left = "0";
  area.style.opacity = "0";
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  host.appendChild(area);
  area.select();
  let copied = false;
  try {
    copied = typeof document.execCommand === "function" && document.execCommand("copy");
  } catch {
    copied = false;
  }
  area.remove();
  previous?.focus();
  return copied;
}
