import { SchemaRegistry } from '../lib/validate/schema';
(async () => {
  const r = await SchemaRegistry.load({ cwd: '/tmp/none' });
  const t = performance.now();
  console.log(r.validate({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', creationTimestamp: null, labels: {'app.kubernetes.io/name': 3} }, spec: { replicaz: 2, replicas: 1.5, strategy: { type: 'Rolling' }, selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: '80' }], resources: { limits: { cpu: '1x' } } }] } } } }));
  console.log(performance.now() - t);
  console.log(r.validate({ apiVersion: 'apps/v1beta9', kind: 'Deployment' }));
  console.log(r.validate({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: 80, targetPort: 'http' }] } }));
})();
