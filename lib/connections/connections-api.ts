// Connections' /api/v1 operations as route specs, merged into lib/http/api-catalog.ts: what the
// console's connection screens do, for an automation. Secrets go in and never come out: the list
// says whether credentials and a webhook secret are set, never what they are.
import { z } from 'zod';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import * as rules from './connection-input';
import {
  connectionCreatedResponse,
  connectionListResponse,
  connectionResponse,
  connectionTestResponse,
  connectionUpdatedResponse,
  credentialsReplacedResponse,
} from './connections-responses';

const TAG = 'Connections';
type Spec = RouteSpec & { operation: ApiOperation };
const connectionId = z.object({ id: z.uuid('unknown connection') });
const settings = z.record(z.string(), z.unknown());
const credentials = z.record(z.string(), z.string());

export const connectionCreateBody = z.strictObject({
  key: rules.connectionKey,
  name: rules.connectionName,
  provider: z.string().trim().min(1).max(100),
  baseUrl: rules.baseUrl,
  settings: settings.optional(),
  rateLimitPerSecond: rules.rateLimitPerSecond.optional(),
  maxConcurrency: rules.maxConcurrency.optional(),
  credentials: credentials.optional(),
  webhookSecret: rules.webhookSecret.optional(),
});

export const connectionPatchBody = z.strictObject({
  name: rules.connectionName.optional(),
  baseUrl: rules.baseUrl.optional(),
  settings: settings.optional(),
  rateLimitPerSecond: rules.rateLimitPerSecond.optional(),
  maxConcurrency: rules.maxConcurrency.optional(),
  maskingRules: rules.maskingRules.optional(),
  searchPaths: rules.searchPaths.optional(),
});

export const CONNECTIONS_API = {
  'GET /api/v1/connections': {
    permission: 'connections.manage',
    response: connectionListResponse,
    operation: {
      id: 'listConnections',
      tag: TAG,
      summary: 'Connections with their settings, limits and whether each secret is set',
    },
  },
  'GET /api/v1/connections/{id}': {
    permission: 'connections.manage',
    params: connectionId,
    response: connectionResponse,
    operation: {
      id: 'getConnection',
      tag: TAG,
      summary: 'One connection as the list shows it: settings, limits, whether each secret is set',
      description: 'Credentials and the webhook secret are write-only: only whether each is set.',
    },
  },
  'POST /api/v1/connections': {
    permission: 'connections.manage',
    body: connectionCreateBody,
    response: connectionCreatedResponse,
    operation: {
      id: 'createConnection',
      tag: TAG,
      status: 201,
      summary: 'Create a connection (provider "http": a generic HTTP connection from its settings)',
      description:
        'settings are checked by the provider kind (for "http": auth, operations, inbound, ' +
        'read-back; see docs/generic-http.md); credentials and the webhook secret are sealed ' +
        'and never returned. Answers { id, key }; written to the audit log.',
    },
  },
  'PATCH /api/v1/connections/{id}': {
    permission: 'connections.manage',
    params: connectionId,
    body: connectionPatchBody,
    response: connectionUpdatedResponse,
    operation: {
      id: 'updateConnection',
      tag: TAG,
      summary: 'Change a connection (fields left out stay as they are)',
      description:
        'Credentials are cleared when they would go to another origin (base URL or OAuth token ' +
        'URL moved). Answers { changed, credentialsCleared }.',
    },
  },
  'PUT /api/v1/connections/{id}/credentials': {
    permission: 'connections.manage',
    params: connectionId,
    body: z.strictObject({ credentials }),
    response: credentialsReplacedResponse,
    operation: {
      id: 'replaceConnectionCredentials',
      tag: TAG,
      summary: 'Replace the credentials (write-only); answers the key id sealing them',
    },
  },
  'POST /api/v1/connections/{id}/test': {
    permission: 'connections.manage',
    params: connectionId,
    response: connectionTestResponse,
    operation: {
      id: 'testConnection',
      tag: TAG,
      summary: 'One authenticated request that changes nothing, its answer in words',
    },
  },
} satisfies Record<string, Spec>;
