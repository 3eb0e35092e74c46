/**
 * Fluent UI's design tokens (colours, the Segoe UI type ramp, radii, strokes, shadows) from
 * Microsoft's framework-free token package, as CSS custom properties on the page root, so
 * taskpane.css styles plain elements the way Office's own panes look (`var(--colorBrandBackground)`).
 * Set through the CSSOM, which the page's Content-Security-Policy allows (no inline style).
 */
import { webLightTheme } from '@fluentui/tokens';

export function applyFluentTheme(root: HTMLElement): void {
  for (const [name, value] of Object.entries(webLightTheme)) root.style.setProperty(`--${name}`, String(value));
}
