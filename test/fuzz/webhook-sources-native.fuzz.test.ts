// The commerce, payments and warehouse webhook sources under arbitrary input (properties and budget
// in ./webhook-source-properties).
import { fuzzWebhookSources, NATIVE_SCHEMES } from './webhook-source-properties';

fuzzWebhookSources(NATIVE_SCHEMES);
