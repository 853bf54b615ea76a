/** Raw-text rules (NC0xx): run on the decoded text before it is parsed. */
import { defineRule } from './define-rule.js';
import { fixTextDetailed } from '../encoding/index.js';

export const mojibake = defineRule({
  id: 'NC001',
  name: 'mojibake',
  stage: 'raw',
  tags: ['encoding'],
  description: 'Repairs UTF-8 text that was decoded as windows-1252/latin-1 and similar (canâ€™t → can’t).',
  apply(text, ctx) {
    const { text: fixed, repairs } = fixTextDetailed(text);
    for (const r of repairs.slice(0, 50)) ctx.removed(`${r.from} → ${r.to}`, 'repaired');
    if (repairs.length > 50) ctx.removed(`… and ${repairs.length - 50} more repairs`, 'repaired');
    return fixed;
  },
});

// C0 controls except tab and newline, DEL, C1 controls, zero-width space, stray BOMs, interlinear annotation marks.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\ufeff\ufff9-\ufffb]+/g;

export const controlCharacters = defineRule({
  id: 'NC002',
  name: 'control-characters',
  stage: 'raw',
  tags: ['encoding'],
  description: 'Removes control characters, zero-width spaces and stray byte-order marks.',
  apply(text, ctx) {
    let count = 0;
    const out = text.replace(CONTROL, (m) => {
      count += m.length;
      return '';
    });
    if (count > 0) ctx.removed(`${count} control character${count === 1 ? '' : 's'}`);
    return out;
  },
});

// The marker itself only: a leading `[ \t]*` would make a long run of spaces quadratic; spaces are tidied later.
const AD_MARKER = /\[(?:ad_\d{1,3}|source_link|matched_content|original_title|original_link|keyword|author_name|the_content)\]/g;

export const adMarkers = defineRule({
  id: 'NC003',
  name: 'ad-markers',
  stage: 'raw',
  tags: ['ads', 'template'],
  description: 'Removes auto-blogging template markers such as [ad_1], [ad_2] and [source_link].',
  apply(text, ctx) {
    return text.replace(AD_MARKER, (m) => {
      ctx.removed(m);
      return '';
    });
  },
});

export const rawRules = [mojibake, controlCharacters, adMarkers] as const;
