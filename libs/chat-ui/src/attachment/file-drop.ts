/**
 * The files a paste or a drop carries (a screenshot pasted from the
 * clipboard comes as an image file without a useful name), for the
 * composers of the agent console and the widget.
 */
export function filesOf(data: DataTransfer | null | undefined): File[] {
  if (!data) return [];
  const files = [...(data.files ?? [])];
  if (files.length > 0) return files;
  return [...(data.items ?? [])].filter((i) => i.kind === 'file').map((i) => i.getAsFile()).filter((f): f is File => f !== null);
}

/** The name a file is sent under: its own, or `screenshot-<time>.<ext>` for a pasted image. */
export function nameForUpload(file: File, now: Date = new Date()): string {
  if (file.name && file.name !== 'image.png') return file.name;
  const ext = file.type.startsWith('image/') ? file.type.slice('image/'.length).replace('jpeg', 'jpg') : 'bin';
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `screenshot-${stamp}.${ext}`;
}
