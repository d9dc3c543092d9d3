/** Saving bytes received from the core (base64 over JSON) as a file the browser downloads. */

/** Starts the download of `base64` bytes as `fileName` (type `mimeType`, XLSX by default). */
export function downloadBase64(fileName: string, base64: string, mimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
