// biome-ignore lint/suspicious/noControlCharactersInRegex: matches the escape sequences of colours.
const ANSI_SEQUENCE = /\u001b\[[0-9;]*m/g;

/**
 * Lays out rows under a header, each column as wide as its widest cell, two spaces apart. Cells may
 * hold colours (not counted in the width) and several lines (the row grows to fit).
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const split = [header, ...rows].map((row) => row.map((cell) => cell.split('\n')));
  const widths = header.map((_, column) =>
    Math.max(...split.flatMap((row) => (row[column] ?? []).map(visibleLength))),
  );
  const lines: string[] = [];
  for (const row of split) {
    const height = Math.max(...row.map((cell) => cell.length));
    for (let index = 0; index < height; index++) {
      const cells = row.map((cell, column) => {
        const text = cell[index] ?? '';
        const last = column === row.length - 1;
        return last ? text : text + ' '.repeat(widths[column]! - visibleLength(text));
      });
      lines.push(cells.join('  ').trimEnd());
    }
  }
  return `${lines.join('\n')}\n`;
}

function visibleLength(text: string): number {
  return Array.from(text.replace(ANSI_SEQUENCE, '')).length;
}
