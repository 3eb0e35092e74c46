import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { localName, parseXml, walk, XmlError, type XmlElement } from './xml.js';

const source = readFileSync(new URL('../../manifest.xml', import.meta.url), 'utf8');
const root = parseXml(source);
const all = [...walk(root)];
const named = (name: string): XmlElement[] => all.filter((e) => localName(e) === name);

describe('the XML reader the manifest test relies on', () => {
  test.each([
    ['<a><b></a></b>'],
    ['<a x=1/>'],
    ['<a x="1" x="2"/>'],
    ['<a/><b/>'],
    ['<a>&nbsp;</a>'],
    ['<a>'],
    ['text<a/>'],
  ])('refuses malformed XML: %s', (xml) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
  });

  test('reads attributes and text with entities', () => {
    const e = parseXml('<a k="x &amp; y">1 &lt; 2</a>');
    expect(e.attributes.k).toBe('x & y');
    expect(e.text).toBe('1 < 2');
  });
});

describe('manifest.xml', () => {
  test('is a well-formed task-pane add-in manifest for Excel', () => {
    expect(root.name).toBe('OfficeApp');
    expect(root.attributes['xsi:type']).toBe('TaskPaneApp');
    expect(named('Host').some((h) => h.attributes.Name === 'Workbook')).toBe(true);
  });

  test('has a GUID as its Id', () => {
    const id = named('Id')[0]!.text.trim();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  });

  test('requires ExcelApi 1.14, the shared runtime and the custom-functions runtime', () => {
    const sets = Object.fromEntries(named('Set').map((s) => [s.attributes.Name, s.attributes.MinVersion]));
    expect(sets).toMatchObject({ ExcelApi: '1.14', SharedRuntime: '1.1', CustomFunctionsRuntime: '1.1' });
  });

  test('every resid points at a defined resource of at most 32 characters', () => {
    const defined = new Map<string, string>();
    for (const group of ['Images', 'Urls', 'ShortStrings', 'LongStrings']) {
      for (const container of named(group)) {
        for (const r of container.children) {
          const id = r.attributes.id!;
          expect(defined.has(id), `resource ${id} defined twice`).toBe(false);
          defined.set(id, group);
        }
      }
    }
    const used = all.filter((e) => e.attributes.resid !== undefined).map((e) => e.attributes.resid!);
    expect(used.length).toBeGreaterThan(10);
    for (const resid of used) {
      expect(resid.length, resid).toBeLessThanOrEqual(32);
      expect(defined.has(resid), `resid ${resid} is not defined`).toBe(true);
    }
    for (const id of defined.keys()) expect(id.length, id).toBeLessThanOrEqual(32);
  });

  test('short strings fit in 125 characters and long strings in 250', () => {
    const limits: [string, number][] = [['ShortStrings', 125], ['LongStrings', 250]];
    for (const [group, limit] of limits) {
      for (const s of named(group).flatMap((g) => g.children)) {
        const values = [s.attributes.DefaultValue!, ...s.children.map((o) => o.attributes.Value!)];
        for (const v of values) expect(v.length, v).toBeLessThanOrEqual(limit);
      }
    }
  });

  test('every URL is https', () => {
    const urls = all
      .flatMap((e) => [e.attributes.DefaultValue, localName(e) === 'AppDomain' ? e.text.trim() : undefined])
      .filter((v): v is string => v !== undefined && /^[a-z]+:\/\//i.test(v));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(new URL(url).protocol, url).toBe('https:');
  });

  test('declares the COOP custom functions on the shared runtime page', () => {
    const runtime = named('Runtime')[0]!;
    expect(runtime.attributes.lifetime).toBe('long');
    const cf = named('ExtensionPoint').find((e) => e.attributes['xsi:type'] === 'CustomFunctions')!;
    expect(cf).toBeDefined();
    const page = [...walk(cf)].find((e) => localName(e) === 'Page')!;
    expect(page.children[0]!.attributes.resid).toBe(runtime.attributes.resid);
    expect(named('FunctionFile')[0]!.attributes.resid).toBe(runtime.attributes.resid);
    const ns = [...walk(cf)].find((e) => localName(e) === 'Namespace')!.attributes.resid!;
    const nsString = named('String').find((s) => s.attributes.id === ns)!;
    expect(nsString.attributes.DefaultValue).toBe('COOP');
    const metadata = [...walk(cf)].find((e) => localName(e) === 'Metadata')!.children[0]!.attributes.resid!;
    const metadataUrl = named('Url').find((u) => u.attributes.id === metadata)!.attributes.DefaultValue!;
    expect(metadataUrl.endsWith('/functions.json')).toBe(true);
  });

  test('has a ribbon button that opens the task pane and one that sets up the workbook', () => {
    const actions = named('Action').map((a) => a.attributes['xsi:type']);
    expect(actions).toContain('ShowTaskpane');
    expect(named('FunctionName').map((f) => f.text.trim())).toContain('setUpWorkbook');
  });
});
