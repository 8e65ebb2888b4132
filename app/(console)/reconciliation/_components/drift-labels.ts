// Drift kinds and states in the words finance uses on screen.
export const KIND_LABEL: Record<string, string> = {
  missing_in_ledger: 'Missing in ledger',
  missing_in_target: 'Missing in target',
  status_mismatch: 'Status mismatch',
  field_mismatch: 'Field mismatch',
};

export const KIND_HELP: Record<string, string> = {
  missing_in_ledger: 'the system has it, but its event never reached Waybill',
  missing_in_target: 'Waybill sent it, but the target has no record',
  status_mismatch: "the target's status differs from what the ledger believes",
  field_mismatch: 'a field differs between the ledger and the system',
};

export const STATE_LABEL: Record<string, string> = {
  open: 'Open',
  backfilled: 'Backfilled',
  replayed: 'Replayed',
  accepted: 'Accepted',
};

export const DRIFT_KINDS = Object.keys(KIND_LABEL);
export const DRIFT_STATES = Object.keys(STATE_LABEL);

export type DriftAction = 'backfill' | 'replay' | 'accept';

/** Which decisions make sense per kind (the use case refuses the others anyway). */
export const DECISIONS_BY_KIND: Record<string, readonly DriftAction[]> = {
  missing_in_ledger: ['backfill', 'accept'],
  missing_in_target: ['replay', 'accept'],
  status_mismatch: ['replay', 'accept'],
  field_mismatch: ['replay', 'accept'],
};

export const ACTION_LABEL: Record<DriftAction, string> = {
  backfill: 'Backfill',
  replay: 'Replay',
  accept: 'Accept',
};
