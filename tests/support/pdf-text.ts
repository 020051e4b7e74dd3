/**
 * The text of a PDF, page by page, read with pdfjs-dist (Mozilla's PDF reader): what a test checks a
 * report's PDF against. Items of a page are joined with spaces, so "1,234" or "87.5%" read whole.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  readonly pages: number;
  /** Every page's text, in order, its items joined by single spaces. */
  readonly text: string;
}

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  // pdfjs takes ownership of the buffer it is given: hand it a copy.
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).filter((text) => text.trim() !== '').join(' '));
    }
    return { pages: document.numPages, text: pages.join(' ').replace(/\s+/gu, ' ') };
  } finally {
    await document.destroy();
  }
}
