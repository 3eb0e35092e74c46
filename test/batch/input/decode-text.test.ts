import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { decodeText, firstInvalidUtf8 } from '../../../batch/input/decode-text.js';
import { InputIssueError } from '../../../batch/input/input-issue.js';
import { sourceFromChunks } from '../../../batch/input/input-source.js';
import { collectRecords, located, source } from './helpers.js';

const TEXT = 'id,amount,name\r\nA,1,Café Müller\r\nB,2,Ærø 😀\r\n';

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

async function decodeAll(chunks: Uint8Array[]): Promise<string> {
  let out = '';
  for await (const text of decodeText(chunks, { file: 'x.csv' })) out += text;
  return out;
}

describe('encodings', () => {
  test.each([
    ['UTF-8 without BOM', Buffer.from(TEXT, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'utf-8'],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'utf-16le'],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]), 'utf-16be'],
  ])('%s reads to the same records', async (_name, bytes, encoding) => {
    const r = await collectRecords(source(bytes), { required: ['id', 'amount'] });
    expect(r.summary.encoding).toBe(encoding);
    expect(r.issues).toEqual([]);
    expect(r.rows.map((row) => [row.line, row.record['id'], row.record['name']])).toEqual([
      [2, 'A', 'Café Müller'],
      [3, 'B', 'Ærø 😀'],
    ]);
    expect(r.summary.header?.columns[0]!.name).toBe('id');
  });

  test('Latin-1 bytes in a UTF-8 file are invalid_encoding at their line, with the byte', async () => {
    const bytes = Buffer.concat([Buffer.from('id,amount,name\nA,1,ok\nB,2,Caf', 'utf8'), Buffer.from([0xe9]), Buffer.from('\nC,3,x\n')]);
    const r = await collectRecords(source(bytes), { required: ['id', 'amount'] });
    expect(located(r.issues)).toEqual([{ code: 'invalid_encoding', severity: 'error', line: 3 }]);
    expect(r.issues[0]!.params).toMatchObject({ encoding: 'utf-8', byte: '0xE9' });
    expect(r.issues[0]!.raw).toBe('B,2,Caf\ufffd');
  });

  test('invalid bytes in a later chunk are located by counting the lines of earlier chunks', async () => {
    const head = Buffer.from(`id,amount\n${'A,1\n'.repeat(50)}`, 'utf8');
    const r = await collectRecords(sourceFromChunks('x.csv', [head, Buffer.from('B,2\nC,'), Buffer.from([0xff, 0x0a])]), {
      required: ['id', 'amount'],
    });
    expect(located(r.issues)).toEqual([{ code: 'invalid_encoding', severity: 'error', line: 53 }]);
  });

  test('a file cut in the middle of a multi-byte character is invalid_encoding on its last line', async () => {
    const bytes = Buffer.from('id,amount\nA,é', 'utf8').subarray(0, -1);
    const r = await collectRecords(source(bytes), { required: ['id', 'amount'] });
    expect(located(r.issues)).toEqual([{ code: 'invalid_encoding', severity: 'error', line: 2 }]);
    expect(r.issues[0]!.params?.['reason']).toBe('truncated');
  });

  test('UTF-16 without a BOM is invalid_encoding, not a header hunt through NUL bytes', async () => {
    const r = await collectRecords(source(Buffer.from('id,amount\nA,1\n', 'utf16le')), { required: ['id', 'amount'] });
    expect(located(r.issues)).toEqual([{ code: 'invalid_encoding', severity: 'error', line: 1 }]);
    expect(r.issues[0]!.params?.['reason']).toBe('utf16_without_bom');
  });

  test('an unpaired surrogate in UTF-16 is invalid_encoding', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,amount\nA,', 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]);
    const r = await collectRecords(source(bytes), { required: ['id', 'amount'] });
    expect(located(r.issues)).toEqual([{ code: 'invalid_encoding', severity: 'error', line: 2 }]);
  });

  test('a zip given as a CSV is unsupported_file, not a wall of encoding errors', async () => {
    const r = await collectRecords(source(Buffer.from('PK\x03\x04rest of a zip', 'latin1')), { required: ['id'] });
    expect(located(r.issues)).toEqual([{ code: 'unsupported_file', severity: 'error' }]);
  });
});

describe('chunk boundaries', () => {
  const sample = 'a,é,😀,€\nÆ\r\n';
  test.each([
    ['UTF-8', Buffer.from(sample, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample, 'utf8')])],
    ['UTF-16 LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')])],
    ['UTF-16 BE', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(sample)])],
  ])('a multi-byte character split across chunks still decodes (%s, every split point)', async (_name, bytes) => {
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await decodeAll([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe(sample);
    }
    expect(await decodeAll([...bytes].map((b) => Uint8Array.of(b)))).toBe(sample);
  });

  test.each([
    ['UTF-8', (t: string) => Buffer.from(t, 'utf8')],
    ['UTF-16 LE', (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
  ])('a quarter-megabyte chunk (%s) is handed on as texts V8 keeps out of its large-object space, characters cut at their edges included', async (_name, encode) => {
    // 11 bytes in UTF-8: multi-byte characters fall across every slice edge sooner or later.
    const text = 'a€😀é\n'.repeat(24_000);
    const texts: string[] = [];
    for await (const t of decodeText([encode(text)], { file: 'x.csv' })) texts.push(t);
    expect(texts.join('')).toBe(text);
    // Above 128 KB (64 Ki two-byte characters) V8 maps a string on its own.
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThan(64 * 1024);
  });

  test('any text chunked anywhere decodes to itself', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.array(fc.nat(), { maxLength: 5 }), async (text, cuts) => {
        const bytes = Buffer.from(`x${text}`, 'utf8');
        const points = [...new Set(cuts.map((c) => c % bytes.length))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((p, i, all) => bytes.subarray(p, all[i + 1] ?? bytes.length));
        expect(await decodeAll(chunks)).toBe(`x${text}`);
      }),
    );
  });

  test.each([
    [[0x41, 0xe9, 0x42], 1],
    [[0xc3, 0xa9, 0xff], 2],
    [[0xed, 0xa0, 0x80], 0],
    [[0xe2, 0x82], -1],
    [[0x41, 0x42], -1],
  ])('the first invalid UTF-8 byte of %j is at %i', (bytes, index) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(index);
  });

  test('decodeText throws its issue as an InputIssueError', async () => {
    await expect(decodeAll([Buffer.from([0x41, 0x42, 0x43, 0x80])])).rejects.toBeInstanceOf(InputIssueError);
  });
});
