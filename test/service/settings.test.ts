import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TABLES } from '../../server/src/service/catalogue/types';
import { DIAGNOSTIC_CODES } from '../../server/src/service/features/diagnosticCodes';
import {
  DEFAULT_SETTINGS, INLAY_HINT_MODES, NODE_SETTINGS, OBJECT_BINDINGS, SEVERITY_SETTINGS, readSettings,
} from '../../server/src/service/settings';

/**
 * VS Code's Settings editor offers what package.json declares; the server and the CLI read
 * what settings.ts accepts. The two must agree on every setting's default and values.
 */

interface Property {
  default?: unknown;
  enum?: unknown[];
  additionalProperties?: Property | false;
  properties?: Record<string, Property>;
}

const PREFIX = 'capl-ids.';
/** Read by the language client itself, not by the server. */
const CLIENT_ONLY = ['trace.server'];

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Property> } };
};
const declared = manifest.contributes.configuration.properties;

function property(name: string): Property {
  const found = declared[PREFIX + name];
  assert.ok(found, `package.json declares no ${PREFIX}${name}`);
  return found;
}

const sorted = (values: readonly unknown[] | undefined) => [...(values ?? [])].map(String).sort();

describe('settings: package.json and settings.ts agree', () => {
  it('declare the same settings', () => {
    const inPackage = Object.keys(declared).map((key) => key.slice(PREFIX.length)).filter((key) => !CLIENT_ONLY.includes(key)).sort();
    const { diagnostics, ...topLevel } = DEFAULT_SETTINGS;
    const inSettings = [...Object.keys(topLevel), ...Object.keys(diagnostics).map((key) => `diagnostics.${key}`)].sort();
    assert.deepEqual(inPackage, inSettings);
  });

  it('have the same defaults', () => {
    const fromPackage = {
      objects: property('objects').default,
      defaultTable: property('defaultTable').default,
      node: property('node').default,
      idVariables: property('idVariables').default,
      inlayHints: property('inlayHints').default,
      diagnostics: { magicNumber: property('diagnostics.magicNumber').default, severity: property('diagnostics.severity').default },
    };
    assert.deepEqual(fromPackage, DEFAULT_SETTINGS);
    assert.deepEqual(readSettings(fromPackage), { settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('offer the same values', () => {
    const additional = (name: string) => property(name).additionalProperties || undefined;
    assert.deepEqual(sorted(additional('objects')?.enum), sorted(OBJECT_BINDINGS));
    assert.deepEqual(sorted(property('defaultTable').enum), sorted([...TABLES, null]));
    assert.deepEqual(sorted(property('node').enum), sorted(NODE_SETTINGS));
    assert.deepEqual(sorted(additional('idVariables')?.enum), sorted(TABLES));
    assert.deepEqual(sorted(property('inlayHints').enum), sorted(INLAY_HINT_MODES));
    assert.deepEqual(sorted(property('diagnostics.magicNumber').enum), sorted(SEVERITY_SETTINGS));
  });

  it('diagnostics.severity has one property per diagnostic code, each offering every severity', () => {
    const severity = property('diagnostics.severity');
    assert.equal(severity.additionalProperties, false);
    assert.deepEqual(Object.keys(severity.properties ?? {}).sort(), [...DIAGNOSTIC_CODES].sort());
    for (const [code, perCode] of Object.entries(severity.properties ?? {})) {
      assert.deepEqual(sorted(perCode.enum), sorted(SEVERITY_SETTINGS), code);
    }
  });

  it('every value package.json offers is one settings.ts accepts', () => {
    const offered = (name: string, values: readonly unknown[] | undefined) => {
      for (const value of values ?? []) {
        const [key, sub] = name.split('.');
        const raw = sub ? { [key]: { [sub]: value } } : { [key]: value };
        assert.deepEqual(readSettings(raw).problems, [], `${PREFIX}${name}: ${JSON.stringify(value)}`);
      }
    };
    offered('defaultTable', property('defaultTable').enum);
    offered('node', property('node').enum);
    offered('inlayHints', property('inlayHints').enum);
    offered('diagnostics.magicNumber', property('diagnostics.magicNumber').enum);
  });
});
