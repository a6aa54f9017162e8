/**
 * Puts `text` on the clipboard. The Clipboard API needs a secure context (https, or this machine);
 * a page served over plain http from another host copies through a selected, off-screen text area.
 *
 * @returns whether the text was copied.
 */
export async function copyText(document: Document, text: string): Promise<boolean> {
  if (navigator.clipboard !== undefined) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no permission, page not focused): try the selection below.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'off-screen';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}
