/**
 * Generated OpenAPI documents of a chosen size, for robustness tests and the benchmark.
 * Deterministic: the same arguments give the same text.
 */
export function specWithOperations(operations: number): string {
  const lines = ['openapi: 3.0.3', 'info: {title: Synthetic, version: "1"}', 'servers:', '  - url: https://api.example.com', 'paths:'];
  for (let i = 0; i < operations; i++) {
    const path = `/resources${Math.floor(i / 4)}/{id}/items${i % 4}`;
    lines.push(`  ${path}:`);
    lines.push(
      '    get:',
      `      operationId: op${i}`,
      '      parameters:',
      '        - {name: id, in: path, required: true, schema: {type: string}}',
      '      responses:',
      "        '200':",
      '          description: OK',
      '          content:',
      '            application/json:',
      '              schema: {$ref: "#/components/schemas/Item"}',
    );
  }
  lines.push('components:', '  schemas:', '    Item:', '      type: object', '      properties:', '        name: {type: string}', '        tags: {type: array, items: {type: string}}');
  return `${lines.join('\n')}\n`;
}

/** A valid spec whose one schema has `properties` string properties, each raising two findings. */
export function specWithStringProperties(properties: number): string {
  const lines = ['openapi: 3.0.3', 'info: {title: Many findings, version: "1"}', 'paths: {}', 'components:', '  schemas:', '    Wide:', '      type: object', '      properties:'];
  for (let i = 0; i < properties; i++) lines.push(`        p${i}: {type: string}`);
  return `${lines.join('\n')}\n`;
}
