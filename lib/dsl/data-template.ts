import type { Data as IData } from '../../imports/argo-workflows';
import { Construct } from 'constructs';
import { arrayOf, object, PropsGuard, required } from '../guards';
import { Template, TEMPLATE_PROPS_GUARDS, TemplateBody, TemplateProps } from './template';
import { ITemplateRenderer, renderValued } from './template-renderer';
import { Valued, Value, valuesIn } from './value';

/** Props of {@link DataTemplate}. */
export interface DataTemplateProps extends TemplateProps {
  /** Where the data comes from, e.g. `{ artifactPaths: { name: 'files', s3: { bucket: 'data' } } }`. */
  readonly source: Valued<IData['source']>;
  /** Expressions applied in order, e.g. `[{ expression: 'filter(data, {# endsWith ".csv"})' }]`. */
  readonly transformation: Valued<IData['transformation']>;
}

/**
 * A template that lists and transforms data without a container of its own (Argo `data`), e.g. the files of a bucket
 * to fan out over.
 * @see https://argo-workflows.readthedocs.io/en/latest/data-sourcing-and-transformation/
 */
export class DataTemplate extends Template {
  public readonly source: Valued<IData['source']>;
  public readonly transformation: Valued<IData['transformation']>;

  constructor(scope: Construct, id: string, props: DataTemplateProps) {
    super(scope, id, DATA_TEMPLATE_PROPS.check(scope, id, props, new.target === DataTemplate));
    this.source = props.source;
    this.transformation = props.transformation;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    return { data: { source: renderValued(r, this.source), transformation: renderValued(r, this.transformation) } };
  }

  protected values(): Value[] {
    return valuesIn([this.source, this.transformation]);
  }
}

/** Checks the props of a {@link DataTemplate}. */
export const DATA_TEMPLATE_PROPS = new PropsGuard<DataTemplateProps>('DataTemplateProps', {
  ...TEMPLATE_PROPS_GUARDS,
  source: required(object('a data source (e.g. { artifactPaths: { ... } })')),
  transformation: required(arrayOf(object("a transformation step (e.g. { expression: '...' })"))),
});
