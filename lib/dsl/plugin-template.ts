import { Construct } from 'constructs';
import { object, PropsGuard, required } from '../guards';
import { Template, TEMPLATE_PROPS_GUARDS, TemplateBody, TemplateProps } from './template';
import { ITemplateRenderer, renderValued } from './template-renderer';
import { Valued, Value, valuesIn } from './value';

/** Props of {@link PluginTemplate}. */
export interface PluginTemplateProps extends TemplateProps {
  /** The executor plugin's name and its configuration, e.g. `{ slack: { text: 'done' } }`. */
  readonly plugin: Valued<Readonly<Record<string, unknown>>>;
}

/**
 * A template run by an executor plugin (Argo `plugin`): the plugin's name and configuration as the plugin takes them.
 * @see https://argo-workflows.readthedocs.io/en/latest/executor_plugins/
 */
export class PluginTemplate extends Template {
  public readonly plugin: Valued<Readonly<Record<string, unknown>>>;

  constructor(scope: Construct, id: string, props: PluginTemplateProps) {
    super(scope, id, PLUGIN_TEMPLATE_PROPS.check(scope, id, props, new.target === PluginTemplate));
    this.plugin = props.plugin;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    return { plugin: renderValued(r, this.plugin) };
  }

  protected values(): Value[] {
    return valuesIn(this.plugin);
  }
}

/** Checks the props of a {@link PluginTemplate}. */
export const PLUGIN_TEMPLATE_PROPS = new PropsGuard<PluginTemplateProps>('PluginTemplateProps', {
  ...TEMPLATE_PROPS_GUARDS,
  plugin: required(object("the plugin's name and configuration (e.g. { slack: { text: 'done' } })")),
});
