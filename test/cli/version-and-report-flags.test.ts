import * as fs from 'fs';
import * as path from 'path';
import { textOptionsOf } from '../../lib/cli/report-flags';
import { synthCommand } from '../../lib/cli/synth-command';
import { validateCommand } from '../../lib/cli/validate-command';
import { WarningDisplay } from '../../lib/validate/format';
import { runKfops } from '../helpers/kfops-child';

const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };

// The real bin (commander is ESM-only, so jest cannot load main.ts); the runs go in parallel to keep this fast.
const kfops = async (...argv: string[]) => {
  const { code, stdout, stderr } = await runKfops(argv, __dirname);
  return { code, stdout, stderr };
};

describe('--version', () => {
  test('kfops --version, -V, and every command\'s --version print package.json\'s version', async () => {
    const runs = [['--version'], ['-V'], ...['synth', 'validate', 'diff', 'check', 'graph', 'publish'].map((c) => [c, '--version'])];
    const results = await Promise.all(runs.map((argv) => kfops(...argv)));
    for (const result of results) expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('report flags', () => {
  test.each<[string, () => Promise<number>, string]>([
    ['validate --quiet --verbose', () => validateCommand({ cwd: __dirname, quiet: true, verbose: true }),
      '--quiet and --verbose conflict: one hides warnings, the other lists each; drop one'],
    ['validate --errors-only --verbose', () => validateCommand({ cwd: __dirname, errorsOnly: true, verbose: true }),
      '--errors-only and --verbose conflict: one hides warnings, the other lists each; drop one'],
    ['validate --errors-only --format json', () => validateCommand({ cwd: __dirname, errorsOnly: true, format: 'json' }),
      '--errors-only and --format json conflict: --errors-only shapes the text report, which --format json does not print; drop one'],
    ['validate --quiet --format junit', () => validateCommand({ cwd: __dirname, quiet: true, format: 'junit' }),
      '--quiet and --format junit conflict: --quiet shapes the text report, which --format junit does not print; drop one'],
    ['synth --verbose --no-validate', () => synthCommand({ cwd: __dirname, verbose: true, validate: false }),
      '--verbose and --no-validate conflict: --verbose shapes the validation report, which --no-validate skips; drop one'],
    ['synth --errors-only --no-validate', () => synthCommand({ cwd: __dirname, errorsOnly: true, validate: false }),
      '--errors-only and --no-validate conflict: --errors-only shapes the validation report, which --no-validate skips; drop one'],
  ])('%s is rejected naming both flags, exit 2', async (_flags, run, message) => {
    await expect(run()).rejects.toMatchObject({ message, exitCode: 2 });
  });

  test.each([
    [{}, { warnings: WarningDisplay.SUMMARY }],
    [{ verbose: true }, { warnings: WarningDisplay.LIST }],
    [{ errorsOnly: true }, { warnings: WarningDisplay.NONE }],
    [{ quiet: true }, { quiet: true }],
    [{ quiet: true, errorsOnly: true }, { quiet: true }],
  ])('%j -> %j', (flags, options) => {
    expect(textOptionsOf(flags)).toEqual(options);
  });
});

describe('target-version flags', () => {
  test('synth and validate take the same ones, with the same help, and the bin passes them on', async () => {
    const flagLines = (help: string) => help.split('\n').filter((l) => /--(kubernetes|argo|argo-cd|training-operator)-version/.test(l)).map((l) => l.trim());
    const [synth, validate, unsupported] = await Promise.all([kfops('synth', '--help'), kfops('validate', '--help'),
      kfops('synth', '--no-validate', '--argo-version', '4.1')]);

    expect(flagLines(synth.stdout)).toHaveLength(4);
    expect(flagLines(synth.stdout)).toEqual(flagLines(validate.stdout));
    expect(unsupported).toMatchObject({ code: 2, stderr: expect.stringContaining('--argo-version and --no-validate conflict') });
  });
});
