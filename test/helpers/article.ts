/** A news article as a text browser wraps it, its paragraphs between blank lines: the prose that the plain-text model tests put site chrome around. */
export const ARTICLE = [
  'The city council approved the new transport budget on Tuesday after a long debate that lasted well into the',
  'evening, officials said, and the vote was closer than most members had expected when the session opened.',
  '',
  'Opponents argued that the plan would raise fares for commuters in the outer districts, while supporters said it',
  'was overdue and necessary after a decade in which the network had barely grown at all.',
  '',
  'The mayor is expected to sign the measure next week, and work on the first bus lanes could begin before the end',
  'of the year, the council said in a statement released after the vote.',
  '',
  '"We have waited long enough for this," said one resident who had come to watch the debate from the public',
  'gallery. "Now the work has to start, and it has to start where people need it most."',
  '',
  'The budget also sets aside money for new cycle paths along the river and for repairs to two of the oldest',
  'bridges in the city, which engineers have warned are close to the end of their working lives.',
];

/** The share links and site footer under an article, as a text browser shows them (`bullet`: each item's prefix). */
export function siteFooter(bullet: string): string[] {
  return [
    '   Share this article',
    ...['Facebook', 'Twitter', 'Email', 'Print'].map((n) => `${bullet}${n}`),
    '',
    ...['About us', 'Contact', 'Privacy policy', 'Terms of use', 'Advertise'].map((n) => `${bullet}${n}`),
    '   © 2024 The Daily Courier. All rights reserved.',
  ];
}
