import { type Page } from 'playwright-core';

export interface LowContrast {
  text: string;
  ratio: number;
  required: number;
  color: string;
  background: string;
}

/**
 * Every visible piece of text on the page whose contrast with the background behind it is under
 * WCAG 2.2 AA (1.4.3): 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold). Disabled controls
 * are exempt, as WCAG exempts inactive components. The background is the nearest painted
 * ancestor's colour; text over an image or a gradient is not judged (the console has none).
 */
export async function lowContrastTexts(page: Page): Promise<LowContrast[]> {
  return page.evaluate<LowContrast[]>(`(() => {
    const parse = (value) => {
      const parts = (value.match(/[\\d.]+/g) || []).map(Number);
      return { rgb: parts.slice(0, 3), alpha: parts.length > 3 ? parts[3] : 1 };
    };
    const luminance = ([r, g, b]) => {
      const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (element) => {
      for (let e = element; e; e = e.parentElement) {
        const { rgb, alpha } = parse(getComputedStyle(e).backgroundColor);
        if (alpha > 0.5) return rgb;
      }
      return [255, 255, 255];
    };
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const element = node.parentElement;
      if (!text || !element) continue;
      if (element.closest('[disabled], [aria-disabled="true"], option, script, style, noscript')) continue;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (style.visibility !== 'visible' || style.display === 'none' || box.width === 0 || box.height === 0) continue;
      if (box.right < 0 || box.left > innerWidth) continue;
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const required = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      const color = parse(style.color).rgb;
      const background = backgroundOf(element);
      const [light, dark] = [luminance(color), luminance(background)].sort((a, b) => b - a);
      const ratio = (light + 0.05) / (dark + 0.05);
      if (ratio < required) {
        found.push({ text: text.slice(0, 40), ratio: Math.round(ratio * 100) / 100, required,
          color: style.color, background: 'rgb(' + background.join(', ') + ')' });
      }
    }
    return found;
  })()`);
}
