// Community colours and shapes: the Okabe–Ito palette (readable with the
// common colour-vision deficiencies) and a shape per community, so two
// communities never differ by colour alone. Communities past the palette
// are grey.
export const communityColours = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#000000'];
export const otherColour = '#AAAAAA';
export const shapes = ['ellipse', 'rectangle', 'triangle', 'diamond', 'hexagon', 'star', 'vee', 'round-rectangle'] as const;
export type Shape = (typeof shapes)[number];

export function communityColour(c: number): string {
  return c >= 0 && c < communityColours.length ? communityColours[c] : otherColour;
}

export function communityShape(c: number): Shape {
  return shapes[((c % shapes.length) + shapes.length) % shapes.length];
}

/** svgPoints draws shape in a 0..12 square, for the legend's swatches. */
export function swatchPath(shape: Shape): string {
  switch (shape) {
    case 'rectangle':
      return 'M1 1H11V11H1Z';
    case 'round-rectangle':
      return 'M3 1H9Q11 1 11 3V9Q11 11 9 11H3Q1 11 1 9V3Q1 1 3 1Z';
    case 'triangle':
      return 'M6 1L11 11H1Z';
    case 'diamond':
      return 'M6 0.5L11.5 6L6 11.5L0.5 6Z';
    case 'hexagon':
      return 'M3 1H9L11.5 6L9 11H3L0.5 6Z';
    case 'star':
      return 'M6 0.5L7.6 4.3L11.7 4.6L8.6 7.2L9.5 11.3L6 9.1L2.5 11.3L3.4 7.2L0.3 4.6L4.4 4.3Z';
    case 'vee':
      return 'M0.5 1L6 5L11.5 1L6 11.5Z';
    default:
      return 'M6 1A5 5 0 1 1 5.99 1Z';
  }
}
