'use client';

import { useState } from 'react';
import type { FlowMappings } from '@/lib/mapping/flow-mappings.presenter';
import { MappingEditor } from './mapping-editor';
import { TestRunPanel } from './test-run-panel';

/**
 * The editor and the test run side by side in one state: the test run runs what is in the editor
 * now (a draft), before it is saved. A reader without mappings.manage sees the active version
 * read-only and test-runs saved versions.
 */
export function MappingWorkbench({
  flowId,
  draft,
  canManage,
  activeVersion,
  versions,
  payloads,
  liveTestRun,
}: {
  flowId: string;
  draft: FlowMappings['draft'];
  canManage: boolean;
  activeVersion: number | null;
  versions: number[];
  payloads: FlowMappings['testPayloads'];
  liveTestRun: boolean;
}) {
  const [expression, setExpression] = useState(draft.expression);
  return (
    <>
      <MappingEditor
        flowId={flowId}
        draft={draft}
        expression={expression}
        onExpressionChange={setExpression}
        canManage={canManage}
        basedOn={activeVersion}
      />
      <TestRunPanel
        flowId={flowId}
        payloads={payloads}
        draft={canManage ? expression : null}
        versions={versions}
        activeVersion={activeVersion}
        canRunLive={liveTestRun && canManage}
      />
    </>
  );
}
