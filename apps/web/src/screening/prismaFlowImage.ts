// The PRISMA diagram as files: the server's SVG as is, and a PNG drawn from it at twice its size
// so it stays sharp in a manuscript or on a slide.

export const PNG_SCALE = 2;

/** The drawing size of an SVG document: its root's width and height, else its viewBox. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0];
  if (!root) throw new Error('The diagram is not an SVG image.');
  const attribute = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1];
  // Only absolute lengths give a size; "100%" is relative to a page the PNG does not have.
  const length = (value: string | undefined) => (value && /^\s*[\d.]+\s*(px)?\s*$/.test(value) ? Number.parseFloat(value) : 0);
  const width = length(attribute('width'));
  const height = length(attribute('height'));
  if (width > 0 && height > 0) return { width, height };
  const box = (attribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  const [, , boxWidth = 0, boxHeight = 0] = box;
  if (box.length === 4 && boxWidth > 0 && boxHeight > 0) return { width: boxWidth, height: boxHeight };
  throw new Error('The diagram has no size (width and height, or a viewBox), so it cannot be drawn as PNG.');
}

/** Draws the SVG on a white canvas at PNG_SCALE and encodes it as PNG. */
export async function svgToPng(svg: string): Promise<Blob> {
  const { width, height } = svgSize(svg);
  // A data: URL, not a blob: one: the server's Content-Security-Policy allows images from
  // 'self' and data: only. onload, not image.decode(): Chromium's decode() rejects SVG images.
  const image = await new Promise<HTMLImageElement>((resolve, reject) => {
    const loading = new Image();
    loading.onload = () => resolve(loading);
    loading.onerror = () => reject(new Error('The browser could not read the diagram as an image. Download the SVG instead.'));
    loading.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * PNG_SCALE);
  canvas.height = Math.ceil(height * PNG_SCALE);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw the diagram. Download the SVG instead.');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG. Download the SVG instead.'))), 'image/png'),
  );
}

/** Saves a blob made in the page under a file name, as a click on a download link would. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoking the URL at once can cancel a download that has not read it yet (Firefox).
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
