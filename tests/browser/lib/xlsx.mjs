// xlsx.mjs - reading the first sheet of a .xlsx in a browser test, with node alone: the
// zip's central directory, each member inflated with zlib (stored or deflated, what
// libxlsxwriter writes), the sheet's cells from its XML. Enough for the workbooks
// parkbrain writes (inline strings, shared strings, numbers); not a general reader.
import { inflateRawSync } from 'node:zlib';

/** The members of a zip in `buf` (a Buffer): Map name → Buffer. */
export function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('broken central directory');
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.set(name, method === 0 ? data : inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');
const texts = (xml) => [...xml.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((m) => unescape(m[1])).join('');

function column(ref) {
  let n = 0;
  for (const ch of ref.match(/^[A-Z]+/)[0]) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/**
 * The first sheet of the workbook in `buf`: {name, rows}; rows[r][c] is a number for a
 * number cell, a string for a text cell, undefined for no cell.
 */
export function readSheet(buf) {
  const files = unzip(buf);
  const shared = files.has('xl/sharedStrings.xml')
    ? [...files.get('xl/sharedStrings.xml').toString('utf8').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]))
    : [];
  const xml = files.get('xl/worksheets/sheet1.xml').toString('utf8');
  const rows = [];
  for (const r of xml.matchAll(/<row [^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const row = [];
    for (const c of (r[1] || '').matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, ref, attrs, body = ''] = c;
      const type = (attrs.match(/ t="([^"]+)"/) || [])[1];
      const v = (body.match(/<v>([^<]*)<\/v>/) || [])[1];
      if (type === 'inlineStr') row[column(ref)] = texts(body);
      else if (type === 's') row[column(ref)] = shared[Number(v)];
      else if (type === 'str') row[column(ref)] = unescape(v || '');
      else if (v !== undefined) row[column(ref)] = Number(v);
    }
    rows.push(row);
  }
  const name = unescape((files.get('xl/workbook.xml').toString('utf8').match(/<sheet name="([^"]*)"/) || [])[1] || '');
  return { name, rows };
}
