import type { HTTPHeader as IHTTPHeader } from '../../imports/argo-workflows';
import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { arrayOf, BOOLEAN, DURATION, object, PropsGuard, required } from '../guards';
import { Template, TEMPLATE_PROPS_GUARDS, TemplateBody, TemplateProps } from './template';
import { ITemplateRenderer, renderValued } from './template-renderer';
import { Valued, Value, VALUE, valuesIn } from './value';

/** Props of {@link HttpTemplate}. */
export interface HttpTemplateProps extends TemplateProps {
  /** The URL to call. */
  readonly url: Value;
  /** The HTTP method. @default 'GET' */
  readonly method?: Value;
  /** Request headers, each with `value` or `valueFrom.secretKeyRef`. @default - none */
  readonly headers?: readonly Valued<IHTTPHeader>[];
  /** The request body. @default - none */
  readonly body?: Value;
  /** The call succeeds when this holds, e.g. `response.statusCode == 201`. @default - a 2xx status */
  readonly successCondition?: Value;
  /** Give up on the request after this long (Argo `timeoutSeconds`). @default - Argo's default (30 seconds) */
  readonly requestTimeout?: Duration;
  /** Accept any TLS certificate. @default false */
  readonly insecureSkipVerify?: boolean;
}

/**
 * A template that makes an HTTP request from the Argo agent, without a pod of its own (Argo `http`); the response
 * body is the caller's `result`.
 * @see https://argo-workflows.readthedocs.io/en/latest/http-template/
 */
export class HttpTemplate extends Template {
  public readonly url: Value;
  public readonly method?: Value;
  public readonly headers?: readonly Valued<IHTTPHeader>[];
  public readonly body?: Value;
  public readonly successCondition?: Value;
  public readonly requestTimeout?: Duration;
  public readonly insecureSkipVerify?: boolean;

  constructor(scope: Construct, id: string, props: HttpTemplateProps) {
    super(scope, id, HTTP_TEMPLATE_PROPS.check(scope, id, props, new.target === HttpTemplate));
    this.url = props.url;
    this.method = props.method;
    this.headers = props.headers;
    this.body = props.body;
    this.successCondition = props.successCondition;
    this.requestTimeout = props.requestTimeout;
    this.insecureSkipVerify = props.insecureSkipVerify;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    const h = this;
    return {
      http: {
        url: r.value(h.url),
        ...(h.method !== undefined && { method: r.value(h.method) }),
        ...(h.headers && { headers: renderValued<IHTTPHeader[]>(r, h.headers) }),
        ...(h.body !== undefined && { body: r.value(h.body) }),
        ...(h.successCondition !== undefined && { successCondition: r.value(h.successCondition) }),
        ...(h.requestTimeout && { timeoutSeconds: h.requestTimeout.toSeconds() }),
        ...(h.insecureSkipVerify !== undefined && { insecureSkipVerify: h.insecureSkipVerify }),
      },
    };
  }

  protected values(): Value[] {
    return valuesIn([this.url, this.method, this.headers, this.body, this.successCondition]);
  }
}

/** Checks the props of an {@link HttpTemplate}. */
export const HTTP_TEMPLATE_PROPS = new PropsGuard<HttpTemplateProps>('HttpTemplateProps', {
  ...TEMPLATE_PROPS_GUARDS,
  url: required(VALUE),
  method: VALUE,
  headers: arrayOf(object('an HTTP header ({ name, value })')),
  body: VALUE,
  successCondition: VALUE,
  requestTimeout: DURATION,
  insecureSkipVerify: BOOLEAN,
});
