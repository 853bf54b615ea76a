// The Markdown body as the pages runner (../shared/tools/pages-eval.sh) turns it into plain text for the scorer.
export function markdownToText(md) {
  let s = md.replace(/\r\n?/g, '\n');
  s = s.replace(/^[ \t]*(`{3,}|~{3,}).*$/gm, '');
  s = s.replace(/!\[(?:\\.|[^\]\\])*\]\([^)]*\)/g, ' ');
  s = s.replace(/!\[(?:\\.|[^\]\\])*\]\[[^\]]*\]/g, ' ');
  s = s.replace(/\[((?:\\.|[^\]\\])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)/g, '$1');
  s = s.replace(/\[((?:\\.|[^\]\\])+)\]\[[^\]]*\]/g, '$1');
  s = s.replace(/^[ ]{0,3}\[[^\]]+\]:[ \t]+\S+.*$/gm, '');
  s = s.replace(/<((?:https?|ftp|mailto):[^>\s]+)>/gi, '$1');
  s = s.replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, ' ');
  s = s.replace(/^([ \t]*>)+[ \t]?/gm, '');
  s = s.replace(/^[ \t]*#{1,6}[ \t]+/gm, '');
  s = s.replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/gm, '');
  s = s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return s.trim();
}
