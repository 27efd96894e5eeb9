import { Severity, Violation, ViolationTexts } from '../../lib/validate/violation';

describe('ViolationTexts', () => {
  const built = (i: number): Violation => ({ path: `spec.containers[${i % 2}].image`, rule: 'security/image-tag', message: `image "${'busybox'}" has no tag`, severity: Severity.WARNING, fix: `pin a tag, e.g. busybox:1.36` });

  test('keeps every field, in its order, with or without a fix and a position', () => {
    const texts = new ViolationTexts();
    const withPosition = { ...built(1), line: 3, column: 7 };
    const noFix: Violation = { path: '', rule: 'k8s/name', message: 'm', severity: Severity.ERROR };
    const kept = texts.keep([built(0), withPosition, noFix]);
    expect(kept).toEqual([built(0), withPosition, noFix]);
    expect(kept.map((v) => Object.keys(v))).toEqual([Object.keys(built(0)), Object.keys(withPosition), Object.keys(noFix)]);
    expect(JSON.stringify(kept)).toBe(JSON.stringify([built(0), withPosition, noFix]));
  });

  test('past its limit of distinct texts it keeps the rest as they are', () => {
    const texts = new ViolationTexts(2);
    const many = Array.from({ length: 50 }, (_, i) => ({ ...built(i), message: `message ${i}` }));
    expect(texts.keep(many)).toEqual(many);
  });
});
