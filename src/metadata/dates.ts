/**
 * Dates as ISO 8601, never with an invented zone: a date alone stays a date; a time without an offset stays
 * without one; an offset is kept only when the source gives one (or a zone name with a fixed offset, such as GMT).
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7,
  july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12,
  december: 12,
};
const ZONES: Record<string, string> = {
  z: 'Z', utc: 'Z', gmt: 'Z', ut: 'Z', est: '-05:00', edt: '-04:00', cst: '-06:00', cdt: '-05:00', mst: '-07:00',
  mdt: '-06:00', pst: '-08:00', pdt: '-07:00', cet: '+01:00', cest: '+02:00', bst: '+01:00', eet: '+02:00',
  eest: '+03:00', msk: '+03:00', ast: '+03:00', gst: '+04:00', jst: '+09:00', kst: '+09:00', hkt: '+08:00',
  sgt: '+08:00', aest: '+10:00', aedt: '+11:00',
};

export type DateOrder = 'auto' | 'dmy' | 'mdy';

export interface ParsedDate {
  iso: string;
  /** True when day and month could not be told apart and `order` decided (or nothing did). */
  ambiguous?: boolean;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): boolean {
  if (!(y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1)) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

function time(h: number, mi: number, s: number | undefined, ampm: string | undefined): string | null {
  let hh = h;
  if (ampm) {
    const pm = /^p/i.test(ampm);
    if (hh < 1 || hh > 12) return null;
    if (pm && hh < 12) hh += 12;
    if (!pm && hh === 12) hh = 0;
  }
  if (hh > 23 || mi > 59 || (s ?? 0) > 60) return null;
  return `${pad(hh)}:${pad(mi)}${s !== undefined ? `:${pad(s)}` : ''}`;
}

function zone(z: string | undefined): string {
  if (!z) return '';
  const t = z.trim();
  if (/^[+-]\d{2}:?\d{2}$/.test(t)) return t.length === 5 ? `${t.slice(0, 3)}:${t.slice(3)}` : t;
  return ZONES[t.toLowerCase()] ?? '';
}

const TIME = String.raw`(?:[T\s,]+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?\s*([AaPp]\.?[Mm]\.?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4}\b)?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})${TIME}$`);
const NUMERIC = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})${TIME}$`);
const MONTH_FIRST = new RegExp(String.raw`^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`);
/** A date written year, month, day with the CJK or Korean marks ("2024年3月12日", "2024년 3월 12일"). */
const CJK_DATE = /^(\d{4})\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]/;
const DAY_FIRST = new RegExp(String.raw`^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})${TIME}$`);

function withTime(date: string, m: RegExpExecArray, i: number): string | null {
  if (m[i] === undefined) return date;
  const t = time(Number(m[i]), Number(m[i + 1]), m[i + 2] !== undefined ? Number(m[i + 2]) : undefined, m[i + 3]);
  if (t === null) return null;
  return `${date}T${t}${zone(m[i + 4])}`;
}

/** Parses a date written in a common news format. Returns null when the text is not (only) a date. */
export function parseDate(input: string, order: DateOrder = 'auto'): ParsedDate | null {
  let s = input.trim().replace(/\s+/g, ' ');
  if (s.length > 80 || s.length < 6) return null;
  const cjk = CJK_DATE.exec(s);
  if (cjk) {
    // "2024年3月12日", "2024년 3월 12일", with a time after it
    const [y, mo, d] = [Number(cjk[1]), Number(cjk[2]), Number(cjk[3])];
    if (!valid(y, mo, d)) return null;
    const rest = s.slice(cjk[0].length).trim();
    const t = /^(?:[（(]?[日月火水木金土一二三四五六]\s?[曜]?[日]?[）)]?\s?)?(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$/.exec(rest);
    if (rest && !t) return null;
    const hhmm = t ? time(Number(t[1]), Number(t[2]), t[3] !== undefined ? Number(t[3]) : undefined, undefined) : '';
    if (hhmm === null) return null;
    return { iso: `${y}-${pad(mo)}-${pad(d)}${hhmm ? `T${hhmm}` : ''}` };
  }
  // another language's month name: the English one in its place ("12. März 2024", "12 de marzo de 2024")
  s = englishMonths(s)
    .replace(/^(\d{1,2})\. /, '$1 ')
    // the time after it: "à 10:00", "um 10:15 Uhr", "a las 10:00", "alle 10.00", "om 10:00", "в 10:00", "10h00"
    .replace(/,?\s(?:à|um|a las|a la|às|alle|om|kl\.?|в)\s(\d{1,2})[:.h](\d{2})(?:\s?(?:Uhr|h))?$/u, ' at $1:$2')
    .replace(/\s(\d{1,2})h(\d{2})$/, ' at $1:$2')
    .replace(/(\d{1,2}:\d{2})\s?Uhr$/, '$1');
  let m = ISO.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!valid(y, mo, d)) return null;
    const iso = withTime(`${m[1]}-${m[2]}-${m[3]}`, m, 4);
    return iso ? { iso } : null;
  }
  m = NUMERIC.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    let y = Number(m[3]);
    if (m[3]!.length === 2) y += y < 70 ? 2000 : 1900;
    let d: number;
    let mo: number;
    let ambiguous = false;
    if (a > 12 && b <= 12) [d, mo] = [a, b];
    else if (b > 12 && a <= 12) [mo, d] = [a, b];
    else if (a === b) [d, mo] = [a, b];
    else {
      ambiguous = true;
      if (order === 'mdy') [mo, d] = [a, b];
      else if (order === 'dmy') [d, mo] = [a, b];
      else return { iso: '', ambiguous: true };
    }
    if (!valid(y, mo, d)) return null;
    const iso = withTime(`${y}-${pad(mo)}-${pad(d)}`, m, 4);
    return iso ? (ambiguous ? { iso, ambiguous } : { iso }) : null;
  }
  m = MONTH_FIRST.exec(s);
  if (m) {
    const mo = MONTHS[m[1]!.toLowerCase()];
    const d = Number(m[2]);
    const y = Number(m[3]);
    if (!mo || !valid(y, mo, d)) return null;
    const iso = withTime(`${y}-${pad(mo)}-${pad(d)}`, m, 4);
    return iso ? { iso } : null;
  }
  m = DAY_FIRST.exec(s);
  if (m) {
    const mo = MONTHS[m[2]!.toLowerCase()];
    const d = Number(m[1]);
    const y = Number(m[3]);
    if (!mo || !valid(y, mo, d)) return null;
    const iso = withTime(`${y}-${pad(mo)}-${pad(d)}`, m, 4);
    return iso ? { iso } : null;
  }
  return null;
}

/** Normalises a date that came from structured data (front matter, JSON-LD, meta tags). */
export function normalizeDate(value: unknown, order: DateOrder = 'auto'): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return value.toISOString().replace(/\.000Z$/, 'Z');
  }
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const s = String(value).trim();
  const p = parseDate(s, order);
  if (p && p.iso) return p.iso;
  // ISO forms with fractional seconds or compact offsets
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (m) return `${m[1]}T${m[2]}${zone(m[3])}`;
  return undefined;
}

/**
 * Month names of other languages than English (French, Spanish, Portuguese, Italian, German, Dutch, Indonesian and
 * Malay, Russian, Ukrainian, Polish, the Scandinavian ones), as written in dates.
 */
const LOCAL_MONTHS: Record<string, string> = {
  janvier: 'January', février: 'February', fevrier: 'February', mars: 'March', avril: 'April', mai: 'May', juin: 'June',
  juillet: 'July', août: 'August', aout: 'August', septembre: 'September', octobre: 'October', novembre: 'November',
  décembre: 'December', decembre: 'December',
  enero: 'January', febrero: 'February', marzo: 'March', abril: 'April', mayo: 'May', junio: 'June', julio: 'July',
  agosto: 'August', septiembre: 'September', setiembre: 'September', octubre: 'October', noviembre: 'November', diciembre: 'December',
  janeiro: 'January', fevereiro: 'February', março: 'March', maio: 'May', junho: 'June', julho: 'July', setembro: 'September',
  outubro: 'October', novembro: 'November', dezembro: 'December',
  gennaio: 'January', febbraio: 'February', aprile: 'April', maggio: 'May', giugno: 'June', luglio: 'July', settembre: 'September',
  ottobre: 'October', dicembre: 'December',
  januar: 'January', februar: 'February', märz: 'March', juni: 'June', juli: 'July', oktober: 'October', dezember: 'December',
  januari: 'January', februari: 'February', maart: 'March', mei: 'May', augustus: 'August',
  // Indonesian and Malay (the others as Dutch's)
  maret: 'March', agustus: 'August', desember: 'December', ogos: 'August', disember: 'December',
  // Russian, Ukrainian: the genitive, as a date writes it ("12 марта 2024")
  января: 'January', февраля: 'February', марта: 'March', апреля: 'April', мая: 'May', июня: 'June', июля: 'July',
  августа: 'August', сентября: 'September', октября: 'October', ноября: 'November', декабря: 'December',
  січня: 'January', лютого: 'February', березня: 'March', квітня: 'April', травня: 'May', червня: 'June', липня: 'July',
  серпня: 'August', вересня: 'September', жовтня: 'October', листопада: 'November', грудня: 'December',
  // Polish (genitive), Swedish, Norwegian, Danish
  stycznia: 'January', lutego: 'February', marca: 'March', kwietnia: 'April', maja: 'May', czerwca: 'June',
  lipca: 'July', sierpnia: 'August', września: 'September', października: 'October', listopada: 'November', grudnia: 'December',
  maj: 'May', augusti: 'August',
};
const LOCAL_DATE = /\b(\d{1,2})(?:er|º|°)?\.?\s{1,2}(?:de\s{1,2})?(\p{L}{3,10})\.?,?\s{1,2}(?:de\s{1,2})?(\d{4})\b/gu;

/**
 * A text with the dates written in another language's month names ("24 novembre 2017", "1 de diciembre de 2017",
 * "3. März 2020") rewritten as English day-month-year dates ("24 November 2017"); the rest is left as it is.
 */
export function englishMonths(text: string): string {
  if (!/\d{4}/.test(text)) return text;
  return text.replace(LOCAL_DATE, (all, d: string, month: string, y: string) => {
    const en = LOCAL_MONTHS[month.toLowerCase()];
    return en ? `${d} ${en} ${y}` : all;
  });
}
