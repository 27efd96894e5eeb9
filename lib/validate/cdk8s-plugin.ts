import { isUserError } from '../user-error';
import { outputFolderOf, setAsideOnExit } from './cdk8s-plugin-rejected-output';
import { describeKindName } from './describe-object';
import type { SchemaVersions } from './schema';
import { validateManifests } from './validator';
import { countViolations, reportFails, Severity } from './violation';

/**
 * What the plugin uses of the cdk8s CLI's `ValidationContext` (cdk8s-cli/plugins), written out here so kfops'
 * declarations need no cdk8s-cli types: cdk8s-cli is a development tool of a project, not a dependency of kfops.
 * The CLI's own context has all of these; a test holds the two together.
 */
export interface Cdk8sValidationContext {
  /** The manifest files the CLI synthesized, relative to the project. */
  readonly manifests: readonly string[];
  /** The resources of `construct-metadata.json`, by the name a plugin reports. */
  readonly metadata: { readonly [resourceName: string]: unknown };
  /** True when synth writes to stdout rather than to the output folder. */
  readonly stdout?: boolean;
  readonly report: {
    addViolation(violation: {
      readonly ruleName: string;
      readonly recommendation: string;
      readonly fix: string;
      readonly violatingResources: ReadonlyArray<{ readonly resourceName: string; readonly locations: readonly string[]; readonly manifestPath: string }>;
    }): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
}

/**
 * Properties of {@link KfopsValidation}, set under `properties:` in cdk8s.yaml. The schema versions
 * (`kubernetesVersion`, `argoVersion`, `argoCdVersion`, `trainingOperatorVersion`) are the project's setting that
 * `kfops validate` and `kfops synth` read from the same place.
 */
export interface KfopsValidationProps extends Partial<SchemaVersions> {
  /**
   * Fail synth on warnings too.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * List warnings in the synth report too (they fail synth only with `strict`).
   * @default true
   */
  readonly showWarnings?: boolean;
  /**
   * Let objects whose kind has no schema pass.
   * @default false
   */
  readonly ignoreMissingSchemas?: boolean;
  /**
   * Let unknown fields pass the schema check.
   * @default false
   */
  readonly nonStrictSchemas?: boolean;
  /**
   * CRD files or folders to take schemas from, besides `imports/`, relative to the project root.
   * @default - only imports/
   */
  readonly crd?: readonly string[];
  /**
   * Leave output that failed validation in the output folder, as the cdk8s CLI does. By default it is moved to
   * `.kfops/synth/rejected/` when synth exits, so invalid manifests are neither committed nor published.
   * @default false
   */
  readonly keepInvalidOutput?: boolean;
}

/**
 * The kfops validator as a cdk8s validation plugin, so `npx cdk8s synth` fails on invalid output. Each violation
 * becomes a report entry naming the rule, the manifest, the object (`Kind namespace/name`, the key KfopsApp's
 * construct-metadata.json gives its construct path under) and the JSON path; cdk8s adds the construct path. Output
 * that fails is moved out of the output folder when synth exits (see `keepInvalidOutput`).
 *
 * @example
 * # cdk8s.yaml
 * validations:
 *   - package: ./lib/validate/cdk8s-plugin-entry.js
 *     version: 0.1.0
 *     class: KfopsValidation
 *     properties:
 *       strict: false
 * @see https://cdk8s.io/docs/latest/cli/synth/#validation
 */
export class KfopsValidation {
  private readonly props: KfopsValidationProps;

  constructor(props: KfopsValidationProps = {}) {
    this.props = props;
  }

  async validate(context: Cdk8sValidationContext): Promise<void> {
    const cwd = process.cwd();
    try {
      const report = await validateManifests({
        cwd, paths: context.manifests, crdPaths: this.props.crd, strictSchemas: !this.props.nonStrictSchemas,
        ignoreMissingSchemas: this.props.ignoreMissingSchemas ?? false, schemaVersions: { versions: this.props, source: 'setting' },
      });
      const { results } = report;
      for (const result of results) {
        // cdk8s looks the construct path up by this name; plain cdk8s apps key their metadata by name alone.
        const kindName = describeKindName(result);
        const resourceName = kindName !== undefined && kindName in context.metadata ? kindName : result.name ?? '';
        for (const v of result.violations) {
          if (v.severity === Severity.WARNING && this.props.showWarnings === false && !this.props.strict) continue;
          context.report.addViolation({
            ruleName: `${v.rule} (${v.severity})`,
            recommendation: `${v.line !== undefined ? `${result.file}:${v.line}:${v.column ?? 1}: ` : ''}${v.path ? `${v.path}: ` : ''}${v.message}`,
            fix: v.fix ?? (v.severity === Severity.ERROR ? 'see the recommendation' : 'optional'),
            violatingResources: [{ resourceName, locations: [v.path], manifestPath: result.file }],
          });
        }
      }
      const { errors, warnings } = countViolations(results);
      const fails = reportFails(results, this.props.strict ?? false);
      context.report.submit(fails ? 'failure' : 'success', {
        objects: String(report.objects), errors: String(errors), warnings: String(warnings),
      });
      const output = fails && !context.stdout && !this.props.keepInvalidOutput ? outputFolderOf(context.manifests, cwd) : undefined;
      if (output) setAsideOnExit(output, cwd);
    } catch (err) {
      if (!isUserError(err)) throw err;
      context.report.addViolation({ ruleName: 'kfops/usage', recommendation: err.message, fix: 'fix the input named in the message', violatingResources: [] });
      context.report.submit('failure');
    }
  }
}
