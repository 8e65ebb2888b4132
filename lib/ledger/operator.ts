// Who did something by hand, as the ledger records it: an id for the timeline's actor column and a
// label people read ("Sam Support"). API tokens act as "api:<token id>".
export interface Operator {
  id: string;
  label: string;
}
