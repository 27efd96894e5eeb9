export { Pipeline } from './pipeline';
