// Two configured generic HTTP webhook sources under arbitrary input (properties and budget in
// ./webhook-source-properties).
import { fuzzWebhookSources, GENERIC_SCHEMES } from './webhook-source-properties';

fuzzWebhookSources(GENERIC_SCHEMES);
