// Table rows for test.for with readable names: vitest quotes strings it interpolates from `$field`,
// so each row carries its finished title and tests are declared with the '%s' template.
export type Case<Row> = [title: string, row: Row];

export function cases<Row>(rows: readonly Row[], title: (row: Row) => string): Case<Row>[] {
  return rows.map((row) => [title(row), row]);
}
