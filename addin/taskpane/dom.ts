/**
 * Building the pane's DOM without ever parsing text as HTML: elements are created, text goes in
 * through text nodes, and attributes are set by name from a fixed list (no `on…` handlers, no
 * `style`, no `src`/`href`), so workbook or file content can never become markup or script.
 */
type Child = Node | string | number | null | undefined | false;

const ALLOWED_ATTRIBUTES = new Set([
  'id', 'class', 'type', 'name', 'value', 'placeholder', 'for', 'role', 'title', 'accept', 'multiple',
  'min', 'max', 'step', 'disabled', 'checked', 'selected', 'list', 'data-testid', 'data-pool', 'data-claim',
  'aria-label', 'aria-live', 'aria-selected', 'aria-controls', 'aria-invalid', 'aria-labelledby', 'aria-describedby', 'aria-expanded',
  'aria-readonly', 'aria-orientation', 'aria-hidden', 'hidden', 'tabindex', 'rows', 'colspan', 'scope', 'readonly', 'lang', 'inputmode', 'data-codes', 'data-status',
]);

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string | boolean | undefined>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (!ALLOWED_ATTRIBUTES.has(name)) throw new Error(`attribute ${name} is not allowed`);
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function clear(element: Element): void {
  while (element.firstChild) element.removeChild(element.firstChild);
}

export function replaceChildren(element: Element, ...children: Child[]): void {
  clear(element);
  append(element, ...children);
}
