/**
 * The one template of the k6-operator TestRun manifests. The profile (and rate scale) of a
 * distributed run is written once, in the plan, and everything that must agree with it derives from
 * it: the archive command (`k6 archive -e PROFILE=...`, since k6 fixes the options when it archives),
 * the archive's file and ConfigMap names, the TestRun's name and its pods' PROFILE. A run whose
 * archive still disagrees (a ConfigMap filled by hand) is refused by setup() (load/k6/profileGuard.ts).
 * `npm run load:k8s` prints a manifest; the committed ones are this template's output (tested).
 */

import { nearMiss } from '../../core/cliOptions.ts';
import {
  isProfileName,
  type ProfileName,
  profileNames,
  profiles,
  scaleProfile,
} from '../profiles/profiles.ts';
import { isScenarioName, type ScenarioName, scenarioNames } from '../scenarios/index.ts';

/** The k6 release the manifests run: the one k6-operator v1.6.0 builds its runner on (schema/ header). */
export const k6Image = 'grafana/k6:2.2.0';
export const namespace = 'secpaid-load';
/** The sandbox Service of sandbox.yaml, for rehearsals inside the cluster. */
export const sandboxUrl = `http://secpaid-sandbox.${namespace}.svc.cluster.local:4010`;

export interface TestRunPlan {
  scenario: ScenarioName;
  profile: ProfileName;
  /** RATE_SCALE: 1 runs the profile's rates as written. */
  rateScale: number;
  /** Runner pods; each runs 1/parallelism of the rates (k6 execution segments). */
  parallelism: number;
}

/** `stress`, `stress-x0p5`: the profile and rate scale, as a Kubernetes name (a DNS label) allows. */
function profileSuffix(plan: TestRunPlan): string {
  const scale = plan.rateScale === 1 ? '' : `-x${String(plan.rateScale).replace('.', 'p')}`;
  return `${plan.profile}${scale}`;
}

/** `createlinks-stress`: the run's tag (testid) and, prefixed, its resources' names. */
export const runId = (plan: TestRunPlan) => `${plan.scenario.toLowerCase()}-${profileSuffix(plan)}`;

/** The TestRun's and its ConfigMap's name. */
export const resourceName = (plan: TestRunPlan) => `secpaid-load-${runId(plan)}`;

export const archiveFile = (plan: TestRunPlan) => `${plan.scenario}-${profileSuffix(plan)}.tar`;

/** Where the plan's manifest is committed (the template's own output for stress is). */
export const manifestFile = (plan: TestRunPlan) => `load/k8s/${plan.scenario}-${profileSuffix(plan)}.yaml`;

/** The plan the options ask for, or what is wrong with them (one line). */
export function planFrom(values: {
  scenario?: string;
  profile?: string;
  'rate-scale': string;
  parallelism: string;
}): TestRunPlan | string {
  const { scenario, profile } = values;
  if (scenario === undefined) return `--scenario is required: ${scenarioNames.join(', ')}`;
  if (!isScenarioName(scenario))
    return `--scenario must be one of ${scenarioNames.join(', ')}, not ${scenario}${meant(scenario, scenarioNames)}`;
  if (profile === undefined) return `--profile is required: ${profileNames.join(', ')}`;
  if (!isProfileName(profile))
    return `--profile must be one of ${profileNames.join(', ')}, not ${profile}${meant(profile, profileNames)}`;
  const rateScale = Number(values['rate-scale']);
  try {
    scaleProfile(profiles[profile], rateScale);
  } catch (error) {
    return `--rate-scale ${values['rate-scale']}: ${(error as Error).message}`;
  }
  const parallelism = Number(values.parallelism);
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 100)
    return `--parallelism must be a whole number from 1 to 100, not ${values.parallelism}`;
  // Split over pods, smoke's few requests leave some runner without a request of some operation,
  // whose count>0 threshold then fails: the split's doing, not the target's.
  if (profile === 'smoke' && parallelism > 1)
    return '--profile smoke is a one-machine check (a few requests a second, split over pods, leave runners without requests): run it with npm run load or k6 run, or give --parallelism 1';
  return { scenario, profile, rateScale, parallelism };
}

const meant = (given: string, names: readonly string[]) => {
  const near = nearMiss(given, names);
  return near ? `; did you mean ${near}?` : '';
};

export function archiveCommand(plan: TestRunPlan): string {
  const scale = plan.rateScale === 1 ? '' : ` -e RATE_SCALE=${plan.rateScale}`;
  return `k6 archive -e PROFILE=${plan.profile}${scale} -O ${archiveFile(plan)} load/k6/${plan.scenario}.ts`;
}

export function commandLine(plan: TestRunPlan): string {
  const scale = plan.rateScale === 1 ? '' : ` --rate-scale ${plan.rateScale}`;
  const parallelism = plan.parallelism === 4 ? '' : ` --parallelism ${plan.parallelism}`;
  return `npm run load:k8s -- --scenario ${plan.scenario} --profile ${plan.profile}${scale}${parallelism}`;
}

/** `file`: where the manifest is written, for the kubectl line of its header. */
export function testRunManifest(plan: TestRunPlan, file = manifestFile(plan)): string {
  const name = resourceName(plan);
  const n = plan.parallelism;
  return `# Made by \`${commandLine(plan)}\` (load/k8s/testRun.ts): change the template, not this file.
# k6-operator TestRun: the ${plan.scenario} scenario, profile ${plan.profile} at rate scale ${plan.rateScale}, on ${n} runner pods.
# k6 fixes a script's options (its profile) when it archives it, so the archive is made for this
# profile and named after it; setup() refuses to run when the archive and PROFILE below disagree.
#   kubectl apply -f load/k8s/sandbox.yaml    # the namespace, and the sandbox for rehearsals
#   ${archiveCommand(plan)}
#   kubectl -n ${namespace} create configmap ${name} --from-file=${archiveFile(plan)}
#   kubectl apply -f ${file}
# Each runner gets 1/${n} of the profile's arrival rate and VUs (k6 execution segments), runs setup()
# and teardown() itself, and evaluates thresholds on its own share only: see load/README.md,
# "Distributed runs", before reading results.
apiVersion: v1
kind: Namespace
metadata:
  name: ${namespace}
---
apiVersion: k6.io/v1alpha1
kind: TestRun
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  parallelism: ${n}
  # true would put each runner on a node of its own (for runs limited by one node's network or CPU).
  separate: false
  cleanup: post
  script:
    configMap:
      name: ${name}
      file: ${archiveFile(plan)}
  arguments: >-
    --include-system-env-vars
    --tag testid=${runId(plan)}
    --out experimental-prometheus-rw
  # The initializer reads the archive's options with k6 too: the same release as the runners.
  initializer:
    image: ${k6Image}
  runner:
    image: ${k6Image}
    env:
      - name: BASE_URL
        value: ${sandboxUrl}
      - name: PROFILE
        value: ${plan.profile}
      - name: RATE_SCALE
        value: "${plan.rateScale}"
      - name: K6_PROMETHEUS_RW_SERVER_URL
        value: http://prometheus.monitoring.svc.cluster.local:9090/api/v1/write
      - name: K6_PROMETHEUS_RW_TREND_STATS
        value: p(95),p(99),max
      # Against a real account instead of the sandbox: keys from a secret, never in this file (nor
      # in the archive: never pass them to k6 archive with -e).
      - name: SECPAID_TOKEN
        valueFrom:
          secretKeyRef: { name: secpaid-load-keys, key: token, optional: true }
      - name: SECPAID_RECIPIENT_TOKENS
        valueFrom:
          secretKeyRef: { name: secpaid-load-keys, key: recipient-tokens, optional: true }
      # handleSummary() writes k6-<scenario>.json/.junit.xml into the pod's working directory, gone
      # with the pod. To keep them, mount a volume (below) and point REPORTS_DIR at it; k6 creates no
      # directories, so the path must exist. All pods write the same file names: a volume shared by
      # them keeps the last pod's summary only (the streamed metrics are the whole run's).
      # - name: REPORTS_DIR
      #   value: /reports
    # volumes: [{ name: reports, persistentVolumeClaim: { claimName: secpaid-load-reports } }]
    # volumeMounts: [{ name: reports, mountPath: /reports }]
    resources:
      requests: { cpu: 500m, memory: 256Mi }
      limits: { cpu: "1", memory: 512Mi }
`;
}
