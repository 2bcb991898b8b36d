/**
 * Lays rows out as a plain-text table with a header line, columns padded to their widest cell.
 *
 * @example
 * ```ts
 * renderTable(['PEER', 'SERVICE'], [['6f9b…', 'gpt-4o']]);
 * // 'PEER   SERVICE\n6f9b…  gpt-4o\n'
 * ```
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
