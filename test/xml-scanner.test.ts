import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XmlScanner, type Tag, type XmlHandler } from '../src/read/xml.js';

/** A handler that writes down every event, with each tag's r and t attributes and the text it was given. */
function recorder(cutAfter?: string): XmlHandler & { events: string[] } {
  const events: string[] = [];
  let inText = false;
  return {
    events,
    cutAfter,
    get wantsText() {
      return inText;
    },
    open(name: string, tag: Tag, empty: boolean) {
      events.push(`<${name} r=${tag.raw('r') ?? ''} t=${tag.get('t') ?? ''}${empty ? '/' : ''}>`);
      inText = !empty && (name === 'v' || name === 't');
    },
    close(name: string) {
      events.push(`</${name}>`);
      inText = false;
    },
    text(text: string) {
      // Text may come in pieces; join them so that where a chunk ended does not show.
      const last = events.length - 1;
      if (events[last]?.startsWith('text:')) events[last] += text;
      else events.push(`text:${text}`);
    },
  };
}

function scanned(bytes: Buffer, cuts: number[], cutAfter?: string): string[] {
  const handler = recorder(cutAfter);
  const scanner = new XmlScanner(handler);
  let from = 0;
  for (const at of [...cuts, bytes.length]) {
    scanner.write(bytes.subarray(from, at));
    from = at;
  }
  scanner.end();
  return handler.events;
}

/** Pieces of sheet XML, including the awkward ones: a row end inside CDATA, a comment, Chinese text, an escape. */
const cellXml = fc.constantFrom(
  '<c r="A1" t="s"><v>12</v></c>',
  '<c r="B1"/>',
  '<c r="C1" t="inlineStr"><is><t>张三&amp;李四</t></is></c>',
  '<c r="D1" t="str"><f>A1&amp;"x"</f><v>窗口</v></c>',
  '<c r="E1"><v><![CDATA[</row>1]]></v></c>',
  '<!-- </row> --><c r="F1"><v>3.5</v></c>',
  '<x:c r="G1" t="b"><x:v>1</x:v></x:c>',
);
const rowXml = fc.tuple(fc.nat(99), fc.array(cellXml, { maxLength: 4 }), fc.boolean()).map(([r, cells, spans]) => `<row r="${r + 1}"${spans ? ' spans="1:4" x14ac:dyDescent="0.25"' : ''}>${cells.join('')}</row>`);
const sheetXml = fc.array(rowXml, { maxLength: 12 }).map((rows) => `<?xml version="1.0"?><worksheet><sheetData>${rows.join('')}<row r="200"/></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>`);

describe('XmlScanner', () => {
  it('gives the same events wherever the chunks end, cutting after a closing tag or not (property)', () => {
    fc.assert(
      fc.property(
        sheetXml.chain((xml) => {
          const bytes = Buffer.from(xml, 'utf8');
          return fc.tuple(fc.constant(bytes), fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 8 }).map((cuts) => cuts.sort((a, b) => a - b)));
        }),
        ([bytes, cuts]) => {
          const whole = scanned(bytes, []);
          expect(scanned(bytes, cuts)).toEqual(whole);
          expect(scanned(bytes, cuts, '</row>')).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads what follows the last cut in the last chunk (a sheet ends with its merges)', () => {
    const bytes = Buffer.from('<worksheet><sheetData><row r="1"></row></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>');
    expect(scanned(bytes, [], '</row>').slice(-4)).toEqual(['<mergeCells r= t=>', '<mergeCell r= t=/>', '</mergeCells>', '</worksheet>']);
  });
});
