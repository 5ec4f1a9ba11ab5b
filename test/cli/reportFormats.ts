import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

// Validators for what CI systems read: the formats' own schemas where they have one
// (test/fixtures/sarif-schema-2.1.0.README.md), the documented syntax where not.

const fixtures = join(__dirname, '..', 'fixtures');
const schema = (name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8'));

const sarifValidator = addFormats(new AjvDraft04({ allErrors: true })).compile(schema('sarif-schema-2.1.0.json'));
const codeQualityValidator = addFormats(new Ajv({ allErrors: true })).compile(schema('gitlab-code-quality.schema.json'));

export function assertValidSarif(log: unknown): void {
  assert.ok(sarifValidator(log), JSON.stringify(sarifValidator.errors, null, 2));
}

export function assertValidCodeQuality(report: unknown): void {
  assert.ok(codeQualityValidator(report), JSON.stringify(codeQualityValidator.errors, null, 2));
}

export interface Annotation {
  readonly level: string;
  readonly properties: Record<string, string>;
  readonly message: string;
}

const ANNOTATION = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/;
const PROPERTY_NAMES = new Set(['title', 'file', 'col', 'endColumn', 'line', 'endLine']);

/**
 * Reads one GitHub Actions annotation command, `::warning file=a,line=1::message`, and
 * checks its escaping as the runner reads it: in the message `%`, CR and LF only as %25,
 * %0D, %0A; in property values also `:` and `,` only as %3A and %2C.
 */
export function parseAnnotation(line: string): Annotation {
  const match = ANNOTATION.exec(line);
  assert.ok(match, `not an annotation command: ${JSON.stringify(line)}`);
  const [, level, propertyText = '', message] = match;
  const properties: Record<string, string> = {};
  for (const property of propertyText.split(',').filter((text) => text.length > 0)) {
    const equals = property.indexOf('=');
    const name = property.slice(0, equals);
    assert.ok(equals > 0 && PROPERTY_NAMES.has(name), `unknown property in ${JSON.stringify(line)}`);
    properties[name] = unescape(property.slice(equals + 1), /%(25|0D|0A|3A|2C)/g);
  }
  return { level, properties, message: unescape(message, /%(25|0D|0A)/g) };
}

function unescape(text: string, escapes: RegExp): string {
  const bare = text.replace(escapes, '');
  assert.ok(!/[%\r\n]/.test(bare), `unescaped %, CR or LF in ${JSON.stringify(text)}`);
  return text.replace(escapes, (escape) => decodeURIComponent(escape));
}
