import type { Command } from 'commander';
import { SchemaProject, SchemaVersions, UPSTREAM_PROJECTS } from '../validate/schema';

/** The target-version flags of `kfops validate` and `kfops synth`, as commander parses them. */
export interface VersionFlags {
  readonly kubernetesVersion?: string;
  readonly argoVersion?: string;
  readonly argoCdVersion?: string;
  readonly trainingOperatorVersion?: string;
}

/** `--argo-version` help: the supported releases and the default. */
function versionHelp(project: SchemaProject): string {
  const { releases, defaultVersion, setting } = UPSTREAM_PROJECTS[project];
  return `${project} release to validate against: ${releases.map((r) => r.version).join(', ')} (default: cdk8s.yaml ${setting}, else ${defaultVersion})`;
}

/** Registers `--kubernetes-version`, `--argo-version`, `--argo-cd-version` and `--training-operator-version` on a command. */
export function addVersionFlags(command: Command): Command {
  return command
    .option('--kubernetes-version <version>', versionHelp(SchemaProject.KUBERNETES))
    .option('--argo-version <version>', versionHelp(SchemaProject.ARGO_WORKFLOWS))
    .option('--argo-cd-version <version>', versionHelp(SchemaProject.ARGO_CD))
    .option('--training-operator-version <version>', versionHelp(SchemaProject.TRAINING_OPERATOR));
}

/** The versions the flags name, by setting name (`argoVersion: '4.1'`); undefined when none was given. */
export function versionsOf(flags: VersionFlags): Partial<SchemaVersions> | undefined {
  const { kubernetesVersion, argoVersion, argoCdVersion, trainingOperatorVersion } = flags;
  const given = Object.entries({ kubernetesVersion, argoVersion, argoCdVersion, trainingOperatorVersion }).filter(([, v]) => v !== undefined);
  return given.length > 0 ? Object.fromEntries(given) : undefined;
}
