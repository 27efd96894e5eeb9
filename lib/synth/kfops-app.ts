import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { stringify } from 'yaml';
import { CONSTRUCT_METADATA_FILE, KUSTOMIZATION_FILE } from '../layout';
import { isUserError, UserError } from '../user-error';
import { describeKindName } from '../validate/describe-object';
import { outputFolderError } from './io-error';
import { Manifest, manifestFileName, objectKey } from './manifest-files';
import { cleanStaleStaging, removeQuietly, stageDir, swapIn } from './replace-dir';

/**
 * A chart with work to do once the whole app is built and before it is validated and written, e.g. giving every
 * object its Argo CD sync wave (objects may be added by any construct until then).
 */
export interface IBeforeSynth {
  beforeSynth(): void;
}

/**
 * A cdk8s App whose charts are environments: each chart's objects are written to `<outdir>/<chart id>/`, one file
 * per object (`<kind>-<name>.yaml`) plus a `kustomization.yaml` listing them, so the folder works both as a plain
 * directory and as a kustomization. Synth validates every construct first, writes into a staging folder (under
 * `.kfops/synth/` for output inside the project, else beside it) and renames it into place, so a failed synth
 * leaves nothing half-written; a full or read-only disk is a one-line error (exit 2). Output is deterministic.
 */
export class KfopsApp extends App {
  /**
   * Builds the app with `define`, synthesizes it, and turns user errors into a message and exit code 1 (no stack
   * trace). Use it as the body of the cdk8s app's entry file.
   */
  static main(define: (app: KfopsApp) => void, props: AppProps = {}): void {
    try {
      const app = new KfopsApp(props);
      define(app);
      app.synth();
    } catch (err) {
      if (isUserError(err)) {
        console.error(err.message);
        process.exitCode = err.exitCode;
        return;
      }
      // The constructs library reports duplicate ids with a plain Error; it is the user's to fix, not a bug.
      const duplicate = /^There is already a Construct with name '([^']*)' in (\S+)(?: \[(.*)\])?/.exec((err as Error)?.message ?? '');
      if (duplicate) {
        console.error(`[${duplicate[3] ?? duplicate[2]}] two constructs are named '${duplicate[1]}'; construct ids must be unique within `
          + 'their scope: rename one of them (for steps, the id is also the Argo name)');
        process.exitCode = 1;
        return;
      }
      console.error(err);
      console.error('kfops: this is a bug in kfops; please report it with the output above.');
      process.exitCode = 2;
    }
  }

  /** Validates the constructs and writes the output atomically. */
  synth(): void {
    for (const chart of this.topCharts()) if (hasBeforeSynth(chart)) chart.beforeSynth();
    const errors = validationErrors(this);
    if (errors.length > 0) {
      throw new UserError(`synth failed with ${errors.length} error${errors.length === 1 ? '' : 's'}:\n  ${errors.join('\n  ')}`);
    }
    // The app runs in the project folder, under `npx cdk8s synth` and `kfops synth` alike.
    const projectRoot = process.cwd();
    cleanStaleStaging(this.outdir, projectRoot);
    const staged = stageDir(this.outdir, projectRoot);
    try {
      this.writeTo(staged);
    } catch (err) {
      removeQuietly(staged);
      throw outputFolderError(err, this.outdir, projectRoot);
    }
    swapIn(staged, this.outdir, projectRoot);
  }

  private topCharts(): Chart[] {
    return this.node.children.filter((c): c is Chart => c instanceof Chart);
  }

  private writeTo(dir: string): void {
    const objects: Record<string, string> = {};
    const resources: Record<string, { path: string }> = {};
    const ambiguous = new Set<string>();
    for (const chart of this.topCharts()) {
      const envDir = path.join(dir, chart.node.id);
      fs.mkdirSync(envDir, { recursive: true });
      const paths = new Map(chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject)
        .map((o) => [o, o.node.path]));
      const written = new Map<string, string>();
      for (const [apiObject, constructPath] of paths) {
        const manifest = apiObject.toJson() as Manifest;
        const file = manifestFileName(manifest);
        const clash = written.get(file);
        if (clash) {
          throw new UserError(`[${constructPath}] ${manifest.kind} '${manifest.metadata.name ?? manifest.metadata.generateName}' `
            + `collides with ${clash} in environment '${chart.node.id}' (same kind and name); give one of them another name`);
        }
        written.set(file, constructPath);
        // YAML 1.1 quoting (as cdk8s does): strings such as '2016-02-01 00:00:00' or 'on' stay strings for Go's YAML parsers.
        fs.writeFileSync(path.join(envDir, file), stringify(manifest, { lineWidth: 0, version: '1.1' }));
        objects[objectKey(manifest)] = constructPath;
        const resource = describeKindName({ file, kind: manifest.kind, namespace: manifest.metadata.namespace, name: manifest.metadata.name });
        if (manifest.metadata.name && resource) {
          if (resource in resources) ambiguous.add(resource);
          resources[resource] = { path: constructPath };
        }
      }
      const kustomization = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...written.keys()].sort() };
      fs.writeFileSync(path.join(envDir, KUSTOMIZATION_FILE), stringify(kustomization, { lineWidth: 0 }));
    }
    // The cdk8s CLI's validation report looks construct paths up in `resources` by the resource name a plugin
    // reports; kfops' plugin reports `Kind namespace/name` (names alone repeat across environments). A key two
    // objects share is left out rather than pointing at the wrong construct. kfops validate reads `objects`.
    for (const name of ambiguous) delete resources[name];
    fs.writeFileSync(path.join(dir, CONSTRUCT_METADATA_FILE), `${JSON.stringify({ version: '1.0.0', resources, objects }, null, 2)}\n`);
  }
}

function hasBeforeSynth(chart: Chart): chart is Chart & IBeforeSynth {
  return typeof (chart as Partial<IBeforeSynth>).beforeSynth === 'function';
}

function validationErrors(root: IConstruct): string[] {
  return root.node.findAll().flatMap((c) => c.node.validate().map((e) => (e.startsWith('[') ? e : `[${c.node.path}] ${e}`)));
}
