/**
 * A small, strict XML reader for the manifest test: enough of XML 1.0 to refuse what Office
 * would refuse (unbalanced or crossed tags, unquoted or repeated attributes, text outside the
 * root, stray `<` or `&`). No DTDs, no external entities: the manifest needs none.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
  /** 1-based line of the start tag, for error messages. */
  readonly line: number;
}

export class XmlError extends Error {}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string, line: number): string {
  return text.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlError(`line ${line}: bare '&'`);
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    const value = ENTITIES[ref];
    if (value === undefined) throw new XmlError(`line ${line}: unknown entity &${ref};`);
    return value;
  });
}

export function parseXml(source: string): XmlElement {
  let pos = 0;
  const lineAt = (p: number) => source.slice(0, p).split('\n').length;
  const fail = (msg: string): never => {
    throw new XmlError(`line ${lineAt(pos)}: ${msg}`);
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  if (source.startsWith('\uFEFF')) pos = 1;
  if (source.startsWith('<?xml', pos)) {
    const end = source.indexOf('?>', pos);
    if (end < 0) fail('unterminated XML declaration');
    pos = end + 2;
  }
  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const text = source.slice(pos, lt < 0 ? source.length : lt);
    if (text.includes('>')) fail("stray '>' in text");
    const top = stack[stack.length - 1];
    if (top) top.text += decode(text, lineAt(pos));
    else if (text.trim() !== '') fail('text outside the root element');
    if (lt < 0) break;
    pos = lt;
    if (source.startsWith('<!--', pos)) {
      const end = source.indexOf('-->', pos + 4);
      if (end < 0) fail('unterminated comment');
      pos = end + 3;
      continue;
    }
    if (source.startsWith('<![CDATA[', pos)) {
      const end = source.indexOf(']]>', pos);
      if (end < 0 || !top) fail('CDATA outside an element or unterminated');
      top!.text += source.slice(pos + 9, end);
      pos = end + 3;
      continue;
    }
    if (source.startsWith('<!', pos) || source.startsWith('<?', pos)) fail('DTDs and processing instructions are not expected');
    if (source.startsWith('</', pos)) {
      NAME.lastIndex = pos + 2;
      const m = NAME.exec(source);
      if (!m) fail('bad end tag');
      pos = NAME.lastIndex;
      while (/\s/.test(source[pos] ?? '')) pos++;
      if (source[pos] !== '>') fail('bad end tag');
      pos++;
      const open = stack.pop();
      if (!open || open.name !== m![0]) fail(`</${m![0]}> does not close <${open?.name ?? '(nothing)'}>`);
      continue;
    }
    NAME.lastIndex = pos + 1;
    const m = NAME.exec(source);
    if (!m) fail("'<' not followed by a tag name");
    const element: XmlElement = { name: m![0], attributes: {}, children: [], text: '', line: lineAt(pos) };
    pos = NAME.lastIndex;
    let selfClosing = false;
    for (;;) {
      const spaceBefore = /\s/.test(source[pos] ?? '');
      while (/\s/.test(source[pos] ?? '')) pos++;
      if (source.startsWith('/>', pos)) {
        selfClosing = true;
        pos += 2;
        break;
      }
      if (source[pos] === '>') {
        pos++;
        break;
      }
      if (!spaceBefore) fail('attributes must be separated by white space');
      NAME.lastIndex = pos;
      const a = NAME.exec(source);
      if (!a) fail(`bad attribute in <${element.name}>`);
      pos = NAME.lastIndex;
      while (/\s/.test(source[pos] ?? '')) pos++;
      if (source[pos] !== '=') fail(`attribute ${a![0]} has no value`);
      pos++;
      while (/\s/.test(source[pos] ?? '')) pos++;
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") fail(`attribute ${a![0]} is not quoted`);
      const end = source.indexOf(quote!, pos + 1);
      if (end < 0) fail('unterminated attribute value');
      const raw = source.slice(pos + 1, end);
      if (raw.includes('<')) fail("'<' in an attribute value");
      if (a![0] in element.attributes) fail(`attribute ${a![0]} repeated`);
      (element.attributes as Record<string, string>)[a![0]] = decode(raw, lineAt(pos));
      pos = end + 1;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root) fail('more than one root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new XmlError(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new XmlError('no root element');
  return root;
}

/** Every element of the tree, depth first, root included. */
export function* walk(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const child of element.children) yield* walk(child);
}

export function localName(element: XmlElement): string {
  const colon = element.name.indexOf(':');
  return colon < 0 ? element.name : element.name.slice(colon + 1);
}
