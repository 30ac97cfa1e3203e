/**
 * The manifests of load/k8s: every TestRun conforms to the TestRun CRD of the pinned k6-operator
 * release (schema/), the validation refuses planted mistakes, every file creates the namespace its
 * resources live in, the k6 image is one pinned release of the k6 the scripts are type-checked for,
 * and the sandbox Deployment, its Service and the TestRuns' BASE_URL fit together.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { crdSchemaFile, describeSchemaErrors, testRunValidator } from './crdSchema.ts';
import { k6Image, namespace, sandboxUrl } from './testRun.ts';

const dir = import.meta.dirname;
const root = join(dir, '..', '..');

// biome-ignore lint/suspicious/noExplicitAny: manifests are read as untyped YAML and checked field by field.
type Doc = Record<string, any>;

function readDocs(file: string): Doc[] {
  return parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => {
    assert.deepEqual(doc.errors, [], file);
    return doc.toJS() as Doc;
  });
}

const files = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
const all = files.flatMap((file) => readDocs(file).map((doc) => ({ file, doc })));
const testRuns = all.filter(({ doc }) => doc.kind === 'TestRun');
const validate = testRunValidator();

describe('k8s manifests', () => {
  it('holds a TestRun per scenario and the sandbox', () => {
    assert.deepEqual(testRuns.map(({ file }) => file).sort(), [
      'createLinks-stress.yaml',
      'listTransactions-stress.yaml',
    ]);
    assert.ok(all.some(({ doc }) => doc.kind === 'Deployment'));
  });

  it('every TestRun conforms to the TestRun CRD schema of the pinned k6-operator release', () => {
    for (const { file, doc } of testRuns) {
      assert.equal(doc.apiVersion, 'k6.io/v1alpha1', file);
      assert.ok(validate(doc), `${file}: ${describeSchemaErrors(validate.errors)}`);
    }
  });

  it('refuses planted mistakes: a wrong type, a misspelled field, a missing required one', () => {
    const base = structuredClone(testRuns[0]!.doc);
    const planted: [string, (spec: Doc) => void, RegExp][] = [
      ['parallelism as a string', (s) => (s.parallelism = '4'), /\/spec\/parallelism must be integer/],
      [
        'a misspelled field',
        (s) => {
          s.paralelism = s.parallelism;
          delete s.parallelism;
        },
        /\/spec: must NOT have additional property paralelism/,
      ],
      [
        'a nameless ConfigMap',
        (s) => delete s.script.configMap.name,
        /configMap must have required property 'name'/,
      ],
      ['cleanup other than post', (s) => (s.cleanup = 'always'), /\/spec\/cleanup must be equal to one of/],
      [
        'an env value not a string',
        (s) => (s.runner.env[2].value = 1),
        /\/spec\/runner\/env\/2\/value must be string/,
      ],
    ];
    for (const [what, plant, error] of planted) {
      const doc = structuredClone(base);
      plant(doc.spec);
      assert.equal(validate(doc), false, what);
      assert.match(describeSchemaErrors(validate.errors), error, what);
    }
  });

  it('every file creates the namespace its resources live in, before them', () => {
    for (const file of files) {
      const [first, ...rest] = readDocs(file);
      assert.deepEqual([first?.kind, first?.metadata?.name], ['Namespace', namespace], file);
      for (const doc of rest) assert.equal(doc.metadata?.namespace, namespace, `${file}: ${doc.kind}`);
    }
  });

  it("runs one pinned k6 release, of the major version the scripts' types (@types/k6) describe", () => {
    const tag = /^grafana\/k6:(\d+)\.(\d+)\.(\d+)$/.exec(k6Image);
    assert.ok(tag, `${k6Image} is an exact release`);
    const types = JSON.parse(readFileSync(join(root, 'node_modules/@types/k6/package.json'), 'utf8'));
    assert.equal(tag[1], String(types.version).split('.')[0], `@types/k6 ${types.version}`);
    const version = k6Image.split(':')[1];
    assert.match(readFileSync(crdSchemaFile, 'utf8'), new RegExp(`runner on k6 v${version}`));
    for (const { file, doc } of testRuns) {
      assert.equal(doc.spec.runner.image, k6Image, file);
      assert.equal(doc.spec.initializer.image, k6Image, `${file}: the initializer reads the archive too`);
    }
  });

  it('the sandbox Service selects its Deployment on the image port, and the TestRuns point at it', () => {
    const sandbox = readDocs('sandbox.yaml');
    const deployment = sandbox.find((doc) => doc.kind === 'Deployment')!;
    const service = sandbox.find((doc) => doc.kind === 'Service')!;
    const pod = deployment.spec.template;
    assert.deepEqual(deployment.spec.selector.matchLabels, pod.metadata.labels);
    assert.deepEqual(service.spec.selector, pod.metadata.labels);
    const container = pod.spec.containers[0];
    const dockerfile = readFileSync(join(root, 'sandbox/Dockerfile'), 'utf8');
    const imagePort = Number(/^EXPOSE (\d+)$/m.exec(dockerfile)?.[1]);
    assert.equal(container.ports[0].containerPort, imagePort);
    assert.equal(service.spec.ports[0].targetPort, container.ports[0].name);
    assert.equal(container.readinessProbe.httpGet.path, '/sandbox/health');
    assert.match(readFileSync(join(root, 'sandbox/control/routes.ts'), 'utf8'), /'\/sandbox\/health'/);
    const url = `http://${service.metadata.name}.${namespace}.svc.cluster.local:${service.spec.ports[0].port}`;
    assert.equal(url, sandboxUrl);
    for (const { file, doc } of testRuns) {
      const env = doc.spec.runner.env.find((e: Doc) => e.name === 'BASE_URL');
      assert.equal(env?.value, sandboxUrl, file);
    }
  });
});
