import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cleanStaleStaging, stageDir } from '../../lib/synth/replace-dir';

describe('staging folders', () => {
  const project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-stage-project-')));
  const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-stage-outside-')));

  test.each([
    ['an output folder inside the project: under .kfops/synth/', () => path.join(project, 'dist'), path.join(project, '.kfops', 'synth'), /^stage-\d+-[0-9a-f]{8}$/],
    ['an output folder outside: beside it', () => path.join(outside, 'out'), outside, /^\.out\.kfops-stage-\d+-[0-9a-f]{8}$/],
  ])('%s', (_label, target, where, name) => {
    const staged = stageDir(target(), project);
    expect(path.dirname(staged)).toBe(where);
    expect(path.basename(staged)).toMatch(name);
  });

  test("a staging folder's own staging (KfopsApp under kfops synth) shares the output folder's prefix, so one cleanup removes both", () => {
    const dead = 99999999;
    const parent = path.join(outside, `.models.kfops-stage-${dead}-0badf00d`);
    fs.mkdirSync(parent);
    const nested = stageDir(parent, project);
    expect(path.basename(nested)).toMatch(new RegExp(`^\\.models\\.kfops-stage-${process.pid}-[0-9a-f]{8}$`));
    const deadNested = path.join(outside, `.models.kfops-stage-${dead}-00c0ffee`);
    fs.renameSync(nested, deadNested);
    cleanStaleStaging(path.join(outside, 'models'), project);
    expect(fs.readdirSync(outside).filter((n) => n.startsWith('.models'))).toEqual([]);
  });
});
